"""The two ways in: the ``harness`` command and the pytest plugin.

Both are thin: they read options and configuration, call the packages below,
print what :mod:`harness.render` returns, and turn errors into exit statuses.
Nothing is imported here, so loading the pytest plugin stays cheap.
"""
