# The image library is the images app's now (images/migrations/0001_initial.py):
# articles' foreign keys point at images.CaptionedImage and its models leave
# articles' state. State only: the tables and their foreign key constraints are
# the same ones, so nothing in the database changes.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0012_image_uploaded_by"),
        ("images", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='article',
                    name='lead_image',
                    field=models.ForeignKey(blank=True, help_text='Shown at the top of the article and on its cards.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='images.captionedimage', verbose_name='lead image'),
                ),
                migrations.AlterField(
                    model_name='relatedlink',
                    name='teaser_image',
                    field=models.ForeignKey(blank=True, help_text='Optional thumbnail for an external address.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='images.captionedimage', verbose_name='teaser picture'),
                ),
                migrations.AlterField(
                    model_name='author',
                    name='photo',
                    field=models.ForeignKey(blank=True, help_text='A head-and-shoulders photo, shown square.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='images.captionedimage', verbose_name='photo'),
                ),
                migrations.AlterField(
                    model_name='articleimage',
                    name='image',
                    field=models.ForeignKey(help_text='Pick from the library, or add a new one with the + button.', on_delete=django.db.models.deletion.PROTECT, related_name='placements', to='images.captionedimage', verbose_name='image'),
                ),
                migrations.AlterField(
                    model_name='sitesettings',
                    name='logo',
                    field=models.ForeignKey(blank=True, help_text="The newsroom's logo from the image library, for search engines and link previews (a wide logo on a plain background works best).", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='images.captionedimage', verbose_name='logo'),
                ),
                migrations.DeleteModel(name="Rendition"),
                migrations.DeleteModel(name="CaptionedImage"),
            ],
            database_operations=[],
        ),
    ]
