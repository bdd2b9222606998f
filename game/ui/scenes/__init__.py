"""The screens of the window, one handler each."""
