"""An index on Wagtail's page tree by (depth, path).

Menus and Wagtail's ``get_children()`` ask for ``depth = N AND path BETWEEN a AND b``; with only
the path index the database reads the whole subtree's range (every archived news page under
the home page) to pick out its dozen children. Created with SQL of our own because the table
belongs to Wagtail."""

from django.db import migrations

INDEX = "cppcc_page_depth_path"


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_methodsettings_enabledmethod"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailcore_page (depth, path)",
            f"DROP INDEX IF EXISTS {INDEX}",
        )
    ]
