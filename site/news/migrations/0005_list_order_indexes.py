"""Lists read their order (date, then id) from an index, and so do their filters by meeting
type and kind (news.listing). The date's own index is dropped: (date, id) serves every use it
had. Dropped by name, since altering the field would make SQLite copy the whole table."""

import django.utils.timezone
from django.db import migrations, models

DATE_INDEX = "news_newspage_date_1d98fdcd"  # what db_index=True on NewsPage.date created


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0004_listing_indexes"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="newspage", name="newspage_type_date"),
        migrations.RemoveIndex(model_name="newspage", name="newspage_kind_date"),
        migrations.AddIndex(
            model_name="newspage",
            index=models.Index(fields=["date", "page_ptr"], name="newspage_date_id"),
        ),
        migrations.AddIndex(
            model_name="newspage",
            index=models.Index(
                fields=["meeting_type", "date", "page_ptr"], name="newspage_type_date_id"
            ),
        ),
        migrations.AddIndex(
            model_name="newspage",
            index=models.Index(fields=["kind", "date", "page_ptr"], name="newspage_kind_date_id"),
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="newspage",
                    name="date",
                    field=models.DateField(
                        default=django.utils.timezone.localdate, verbose_name="日期"
                    ),
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    f'DROP INDEX IF EXISTS "{DATE_INDEX}"',
                    reverse_sql=f'CREATE INDEX "{DATE_INDEX}" ON "news_newspage" ("date")',
                ),
            ],
        ),
    ]
