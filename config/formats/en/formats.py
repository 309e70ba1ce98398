"""The archive's sources are Vietnamese, so English pages also read dates day first."""

from django.conf.locale.en.formats import *  # noqa: F403

from config.formats.vi.formats import DATE_INPUT_FORMATS, DATETIME_INPUT_FORMATS  # noqa: F401
