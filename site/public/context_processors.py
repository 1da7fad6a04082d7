from .preferences import reading_modes as _reading_modes


def reading_modes(request):
    return {"reading_modes": _reading_modes(request)}
