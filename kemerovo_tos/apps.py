from axes.apps import AppConfig as AxesAppConfig


class AxesConfig(AxesAppConfig):
    """django-axes under a Russian name in the admin index."""

    verbose_name = "Защита входа"
