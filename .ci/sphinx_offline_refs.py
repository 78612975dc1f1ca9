"""Sphinx extension for offline builds of the docsite (.ci/docs, intersphinx off).

antsibull-docs' generated pages point at a few labels of the Ansible docsite, which intersphinx
resolves from an inventory fetched over the network. Offline, this resolves exactly those labels to
their pages on docs.ansible.com; any other unresolved reference still fails the build (-W). A page
that starts using a new docsite label fails with "undefined label": add it here.
"""

from docutils import nodes

BASE = "https://docs.ansible.com/projects/ansible/devel/"
LABELS = {
    "action_plugins": ("plugins/action.html", "Action plugins"),
    "ansible_configuration_settings": ("reference_appendices/config.html", "Ansible Configuration Settings"),
    "callback_plugins": ("plugins/callback.html", "Callback plugins"),
    "common_return_values": ("reference_appendices/common_return_values.html", "Return Values"),
}


def resolve(app, env, node, contnode):
    if node.get("refdomain") != "std" or node.get("reftype") != "ref":
        return None
    target = LABELS.get(node.get("reftarget"))
    if target is None:
        return None
    path, title = target
    text = contnode.astext() if node.get("refexplicit") else title
    return nodes.reference(text, text, internal=False, refuri=BASE + path)


def setup(app):
    app.connect("missing-reference", resolve)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
