import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("needs_snippets", "0015_place_needs_under_unclassified_measures")]

    operations = [
        migrations.AlterField(
            model_name="need",
            name="measure",
            field=models.ForeignKey(
                blank=True,
                help_text=(
                    "A measure of the pillar's axis in this edition. Left empty, the need waits "
                    "under the axis's Unclassified measure for the Secretariat to place it."
                ),
                on_delete=django.db.models.deletion.PROTECT,
                related_name="needs",
                to="needs_snippets.measure",
                verbose_name="measure",
            ),
        ),
    ]
