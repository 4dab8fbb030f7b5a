"""The person's search reads each contact's, touch's, promise's and community's search vector and
text from columns PostgreSQL generates from the row's own fields on every write (GENERATED ALWAYS AS
... STORED; network/models.py, search_vector_column). The expressions are IMMUTABLE: cc_normalise
(common 0002), to_tsvector with a named configuration, setweight, || and COALESCE."""

import crisis_coach.common.search
import django.contrib.postgres.search
import django.db.models.functions.text
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('network', '0002_edit_versions'),
        ('common', '0002_search_normalise'),
    ]

    operations = [
        migrations.AddField(
            model_name='commitment',
            name='search_text',
            field=models.GeneratedField(db_persist=True, expression=crisis_coach.common.search.Normalise(models.F('what')), output_field=models.TextField()),
        ),
        migrations.AddField(
            model_name='commitment',
            name='search_vector',
            field=models.GeneratedField(db_persist=True, expression=django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.SearchVector(crisis_coach.common.search.Normalise(models.F('what')), config='simple', weight='A'), '||', django.contrib.postgres.search.SearchVector(crisis_coach.common.search.Normalise(models.F('what')), config='english', weight='A'), django.contrib.postgres.search.SearchConfig('simple')), '||', django.contrib.postgres.search.SearchVector(crisis_coach.common.search.Normalise(models.F('what')), config='arabic', weight='A'), django.contrib.postgres.search.SearchConfig('simple')), output_field=django.contrib.postgres.search.SearchVectorField()),
        ),
        migrations.AddField(
            model_name='community',
            name='search_text',
            field=models.GeneratedField(db_persist=True, expression=crisis_coach.common.search.Normalise(django.db.models.functions.text.Concat(models.F('name'), models.Value(' '), models.F('notes'), output_field=models.TextField())), output_field=models.TextField()),
        ),
        migrations.AddField(
            model_name='community',
            name='search_vector',
            field=models.GeneratedField(db_persist=True, expression=django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.SearchVector(crisis_coach.common.search.Normalise(models.F('name')), config='simple', weight='A'), '||', django.contrib.postgres.search.SearchVector(crisis_coach.common.search.Normalise(models.F('name')), config='english', weight='A'), django.contrib.postgres.search.SearchConfig('simple')), '||', django.contrib.postgres.search.SearchVector(crisis_coach.common.search.Normalise(models.F('name')), config='arabic', weight='A'), django.contrib.postgres.search.SearchConfig('simple')), '||', django.contrib.postgres.search.SearchVector(crisis_coach.common.search.Normalise(models.F('notes')), config='simple', weight='B'), django.contrib.postgres.search.SearchConfig('simple')), '||', django.contrib.postgres.search.SearchVector(crisis_coach.common.search.Normalise(models.F('notes')), config='english', weight='B'), django.contrib.postgres.search.SearchConfig('simple')), '||', django.contrib.postgres.search.SearchVector(crisis_coach.common.search.Normalise(models.F('notes')), config='arabic', weight='B'), django.contrib.postgres.search.SearchConfig('simple')), output_field=django.contrib.postgres.search.SearchVectorField()),
        ),
        migrations.AddField(
            model_name='contact',
            name='search_text',
            field=models.GeneratedField(db_persist=True, expression=crisis_coach.common.search.Normalise(django.db.models.functions.text.Concat(models.F('name'), models.Value(' '), models.F('organisation'), models.Value(' '), models.F('role'), models.Value(' '), models.F('how_met'), models.Value(' '), models.F('notes'), output_field=models.TextField())), output_field=models.TextField()),
        ),
        migrations.AddField(
            model_name='contact',
            name='search_vector',
            field=models.GeneratedField(db_persist=True, expression=django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.SearchVector(crisis_coach.common.search.Normalise(models.F('name')), config='simple', weight='A'), '||', django.contrib.postgres.search.SearchVector(crisis_coach.common.search.Normalise(models.F('name')), config='english', weight='A'), django.contrib.postgres.search.SearchConfig('simple')), '||', django.contrib.postgres.search.SearchVector(crisis_coach.common.search.Normalise(models.F('name')), config='arabic', weight='A'), django.contrib.postgres.search.SearchConfig('simple')), '||', django.contrib.postgres.search.SearchVector(crisis_coach.common.search.Normalise(models.F('organisation')), config='simple', weight='B'), django.contrib.postgres.search.SearchConfig('simple')), '||', django.contrib.postgres.search.SearchVector(crisis_coach.common.search.Normalise(models.F('organisation')), config='english', weight='B'), django.contrib.postgres.search.SearchConfig('simple')), '||', django.contrib.postgres.search.SearchVector(crisis_coach.common.search.Normalise(models.F('organisation')), config='arabic', weight='B'), django.contrib.postgres.search.SearchConfig('simple')), '||', django.contrib.postgres.search.SearchVector(crisis_coach.common.search.Normalise(models.F('role')), config='simple', weight='B'), django.contrib.postgres.search.SearchConfig('simple')), '||', django.contrib.postgres.search.SearchVector(crisis_coach.common.search.Normalise(models.F('role')), config='english', weight='B'), django.contrib.postgres.search.SearchConfig('simple')), '||', django.contrib.postgres.search.SearchVector(crisis_coach.common.search.Normalise(models.F('role')), config='arabic', weight='B'), django.contrib.postgres.search.SearchConfig('simple')), '||', django.contrib.postgres.search.SearchVector(crisis_coach.common.search.Normalise(models.F('how_met')), config='simple', weight='B'), django.contrib.postgres.search.SearchConfig('simple')), '||', django.contrib.postgres.search.SearchVector(crisis_coach.common.search.Normalise(models.F('how_met')), config='english', weight='B'), django.contrib.postgres.search.SearchConfig('simple')), '||', django.contrib.postgres.search.SearchVector(crisis_coach.common.search.Normalise(models.F('how_met')), config='arabic', weight='B'), django.contrib.postgres.search.SearchConfig('simple')), '||', django.contrib.postgres.search.SearchVector(crisis_coach.common.search.Normalise(models.F('notes')), config='simple', weight='B'), django.contrib.postgres.search.SearchConfig('simple')), '||', django.contrib.postgres.search.SearchVector(crisis_coach.common.search.Normalise(models.F('notes')), config='english', weight='B'), django.contrib.postgres.search.SearchConfig('simple')), '||', django.contrib.postgres.search.SearchVector(crisis_coach.common.search.Normalise(models.F('notes')), config='arabic', weight='B'), django.contrib.postgres.search.SearchConfig('simple')), output_field=django.contrib.postgres.search.SearchVectorField()),
        ),
        migrations.AddField(
            model_name='interaction',
            name='search_text',
            field=models.GeneratedField(db_persist=True, expression=crisis_coach.common.search.Normalise(django.db.models.functions.text.Concat(models.F('summary'), models.Value(' '), models.F('shared'), output_field=models.TextField())), output_field=models.TextField()),
        ),
        migrations.AddField(
            model_name='interaction',
            name='search_vector',
            field=models.GeneratedField(db_persist=True, expression=django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.SearchVector(crisis_coach.common.search.Normalise(models.F('summary')), config='simple', weight='A'), '||', django.contrib.postgres.search.SearchVector(crisis_coach.common.search.Normalise(models.F('summary')), config='english', weight='A'), django.contrib.postgres.search.SearchConfig('simple')), '||', django.contrib.postgres.search.SearchVector(crisis_coach.common.search.Normalise(models.F('summary')), config='arabic', weight='A'), django.contrib.postgres.search.SearchConfig('simple')), '||', django.contrib.postgres.search.SearchVector(crisis_coach.common.search.Normalise(models.F('shared')), config='simple', weight='B'), django.contrib.postgres.search.SearchConfig('simple')), '||', django.contrib.postgres.search.SearchVector(crisis_coach.common.search.Normalise(models.F('shared')), config='english', weight='B'), django.contrib.postgres.search.SearchConfig('simple')), '||', django.contrib.postgres.search.SearchVector(crisis_coach.common.search.Normalise(models.F('shared')), config='arabic', weight='B'), django.contrib.postgres.search.SearchConfig('simple')), output_field=django.contrib.postgres.search.SearchVectorField()),
        ),
    ]
