"""The kiosk's pages, one module each, and the one registry that makes them.

:func:`make_screen` is the only place a screen is made from its name. A
screen's module is imported the first time it is shown, so the welcome page
paints before the rest of the GUI has loaded. GUI thread only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, assert_never

from ui.shell import ScreenName, Shell

if TYPE_CHECKING:
    from ui.screens.base import Screen


def make_screen(name: ScreenName, shell: Shell) -> Screen:
    return screen_class(name)(shell)


def screen_class(name: ScreenName) -> type[Screen]:  # noqa: C901 - one case per screen
    match name:
        case ScreenName.WELCOME:
            from ui.screens.welcome import WelcomeScreen

            return WelcomeScreen
        case ScreenName.IDENTIFY:
            from ui.screens.identify import IdentifyScreen

            return IdentifyScreen
        case ScreenName.LOGIN_QR:
            from ui.screens.login_qr import LoginQrScreen

            return LoginQrScreen
        case ScreenName.LOGIN_PHONE:
            from ui.screens.login_phone import LoginPhoneScreen

            return LoginPhoneScreen
        case ScreenName.LOGIN_HELP:
            from ui.screens.login_help import LoginHelpScreen

            return LoginHelpScreen
        case ScreenName.GREETING:
            from ui.screens.greeting import GreetingScreen

            return GreetingScreen
        case ScreenName.CHOOSE:
            from ui.screens.choose import ChooseScreen

            return ChooseScreen
        case ScreenName.BEFORE:
            from ui.screens.before import BeforeScreen

            return BeforeScreen
        case ScreenName.QUESTION:
            from ui.screens.question import QuestionScreen

            return QuestionScreen
        case ScreenName.REVIEW:
            from ui.screens.review import ReviewScreen

            return ReviewScreen
        case ScreenName.CONFIRMATION:
            from ui.screens.confirmation import ConfirmationScreen

            return ConfirmationScreen
        case ScreenName.STATUS:
            from ui.screens.status import StatusScreen

            return StatusScreen
        case ScreenName.VOLUNTEER_PIN:
            from ui.screens.volunteer_pin import VolunteerPinScreen

            return VolunteerPinScreen
        case ScreenName.VOLUNTEER:
            from ui.screens.volunteer import VolunteerScreen

            return VolunteerScreen
    assert_never(name)
