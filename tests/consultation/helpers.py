"""Reading the consultation figures off the public pages (builders are in ``builders``)."""


def figure(response, label):
    """The number shown next to a figure's label in the home page's 工作成效 block."""
    html = response.content.decode()
    block = html[html.index('id="h-figures"') :]
    label_at = block.index(f'<span class="figure-label">{label}</span>')
    value_at = block.rindex('<span class="figure-value">', 0, label_at)
    return int(block[value_at:label_at].split(">")[1].split("<")[0])
