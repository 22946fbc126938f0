"""Built-in Python rules, one module per family. Every module here is a plugin: it is
registered by the plugin manager like a third-party plugin and adds its rules through the
``newslint_register_rules`` hook."""
