# The image library moves from the articles app to its own: state only. The
# tables (articles_captionedimage, articles_rendition), their rows, constraints
# and indexes stay exactly as articles' migrations made them; 0002 moves their
# content types, so permissions, group grants, the admin's log and revisions
# keep pointing at them.

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

import images.models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        # The last migration that changed the models while they were articles'.
        ("articles", "0012_image_uploaded_by"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='CaptionedImage',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('title', models.CharField(help_text='For finding the image in the library; readers do not see it.', max_length=200, verbose_name='title')),
                        ('original', models.FileField(blank=True, editable=False, help_text='The file as uploaded, kept privately so renditions can be made again.', max_length=300, storage=images.models.originals_storage, upload_to='originals/%Y/%m/', verbose_name='original file')),
                        ('image', models.ImageField(editable=False, help_text='The version readers may get: re-encoded, upright, without metadata.', max_length=300, upload_to='images/%Y/%m/', verbose_name='public file')),
                        ('width', models.PositiveIntegerField(editable=False, null=True, verbose_name='width')),
                        ('height', models.PositiveIntegerField(editable=False, null=True, verbose_name='height')),
                        ('alt_text', models.CharField(blank=True, help_text='What the image shows, for readers who cannot see it. Required unless the image is decorative.', max_length=300, verbose_name='alt text')),
                        ('decorative', models.BooleanField(default=False, help_text='Tick only for an image that tells readers nothing (a texture, an ornament): it needs no alt text and screen readers skip it.', verbose_name='decorative')),
                        ('caption', models.CharField(blank=True, help_text='Shown under the image.', max_length=500, verbose_name='caption')),
                        ('credit', models.CharField(blank=True, help_text='Photographer or agency; readers see it after “Pic:”.', max_length=200, verbose_name='credit')),
                        ('focal_x', models.FloatField(default=0.5, help_text='Where the subject is, from the left edge (0) to the right edge (1). Click the subject on the picture to set it: every crop keeps it in frame.', validators=[django.core.validators.MinValueValidator(0.0), django.core.validators.MaxValueValidator(1.0)], verbose_name='focal point across')),
                        ('focal_y', models.FloatField(default=0.5, help_text='Where the subject is, from the top (0) to the bottom (1).', validators=[django.core.validators.MinValueValidator(0.0), django.core.validators.MaxValueValidator(1.0)], verbose_name='focal point down')),
                        ('crops', models.JSONField(blank=True, default=dict, editable=False, help_text='Crops the editor drew by hand, by shape: left, top and width as fractions of the picture. Shapes not listed are cut around the focal point.', verbose_name='crop overrides')),
                        ('rendition_cache', models.JSONField(default=dict, editable=False, help_text='Written by the rendition task from the renditions table, so reader pages draw every size without a query of their own.', verbose_name='renditions for pages')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='uploaded')),
                        ('uploaded_by', models.ForeignKey(blank=True, editable=False, help_text='Writers may change the images they uploaded until readers can see them.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='uploaded by')),
                    ],
                    options={
                        'verbose_name': 'captioned image',
                        'db_table': 'articles_captionedimage',
                        'ordering': ['-created_at'],
                    },
                ),
                migrations.CreateModel(
                    name='Rendition',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('crop', models.CharField(blank=True, choices=[('', 'as uploaded'), ('16:9', '16:9 (cards)'), ('1:1', '1:1 (thumbnails and author photos)')], max_length=8, verbose_name='crop')),
                        ('width', models.PositiveIntegerField(verbose_name='width')),
                        ('format', models.CharField(choices=[('avif', 'AVIF'), ('webp', 'WebP'), ('jpeg', 'JPEG'), ('png', 'PNG')], max_length=4, verbose_name='format')),
                        ('height', models.PositiveIntegerField(verbose_name='height')),
                        ('file', models.FileField(max_length=300, upload_to='renditions/', verbose_name='file')),
                        ('key', models.CharField(help_text='Fingerprint of the source file and crop it was made from: when either changes the rendition is made again.', max_length=16, verbose_name='made from')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='made')),
                        ('image', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='renditions', to='images.captionedimage', verbose_name='image')),
                    ],
                    options={
                        'verbose_name': 'rendition',
                        'db_table': 'articles_rendition',
                        'ordering': ['image', 'crop', 'width', 'format'],
                    },
                ),
                migrations.AddConstraint(
                    model_name='captionedimage',
                    constraint=models.CheckConstraint(condition=models.Q(('decorative', True), models.Q(('alt_text', ''), _negated=True), _connector='OR'), name='captioned_image_alt_text_unless_decorative', violation_error_message='Describe the image in the alt text, or mark it decorative.'),
                ),
                migrations.AddConstraint(
                    model_name='captionedimage',
                    constraint=models.CheckConstraint(condition=models.Q(('focal_x__gte', 0), ('focal_x__lte', 1), ('focal_y__gte', 0), ('focal_y__lte', 1)), name='captioned_image_focal_point_inside', violation_error_message='The focal point must lie on the picture.'),
                ),
                migrations.AddConstraint(
                    model_name='rendition',
                    constraint=models.UniqueConstraint(fields=('image', 'crop', 'width', 'format'), name='rendition_unique_spec', violation_error_message='This image already has this rendition.'),
                ),
            ],
            database_operations=[],
        ),
    ]
