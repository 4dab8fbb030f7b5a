"""The person's search reads the search vector and text of a setback (own_search_*: its own words,
not the coach's search_* that case_summary keeps), a stakeholder, step, conversation, reflection
and note from columns PostgreSQL generates from the row's own fields on every write (GENERATED
ALWAYS AS ... STORED; incidents/models.py, search_vector_column). The expressions are IMMUTABLE:
cc_normalise (common 0002), to_tsvector with a named configuration, setweight, || and COALESCE."""

import crisis_coach.common.search
import django.contrib.postgres.search
import django.db.models.functions.text
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('incidents', '0007_search_three_languages'),
        ('common', '0002_search_normalise'),
    ]

    operations = [
        migrations.AddField(
            model_name='actionstep',
            name='search_text',
            field=models.GeneratedField(db_persist=True, expression=crisis_coach.common.search.Normalise(django.db.models.functions.text.Concat(models.F('title'), models.Value(' '), models.F('detail'), output_field=models.TextField())), output_field=models.TextField()),
        ),
        migrations.AddField(
            model_name='actionstep',
            name='search_vector',
            field=models.GeneratedField(db_persist=True, expression=django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.SearchVector(crisis_coach.common.search.Normalise(models.F('title')), config='simple', weight='A'), '||', django.contrib.postgres.search.SearchVector(crisis_coach.common.search.Normalise(models.F('title')), config='english', weight='A'), django.contrib.postgres.search.SearchConfig('simple')), '||', django.contrib.postgres.search.SearchVector(crisis_coach.common.search.Normalise(models.F('title')), config='arabic', weight='A'), django.contrib.postgres.search.SearchConfig('simple')), '||', django.contrib.postgres.search.SearchVector(crisis_coach.common.search.Normalise(models.F('detail')), config='simple', weight='B'), django.contrib.postgres.search.SearchConfig('simple')), '||', django.contrib.postgres.search.SearchVector(crisis_coach.common.search.Normalise(models.F('detail')), config='english', weight='B'), django.contrib.postgres.search.SearchConfig('simple')), '||', django.contrib.postgres.search.SearchVector(crisis_coach.common.search.Normalise(models.F('detail')), config='arabic', weight='B'), django.contrib.postgres.search.SearchConfig('simple')), output_field=django.contrib.postgres.search.SearchVectorField()),
        ),
        migrations.AddField(
            model_name='conversation',
            name='search_text',
            field=models.GeneratedField(db_persist=True, expression=crisis_coach.common.search.Normalise(django.db.models.functions.text.Concat(models.F('acknowledge'), models.Value(' '), models.F('cause'), models.Value(' '), models.F('amends'), models.Value(' '), models.F('ask'), models.Value(' '), models.F('outcome_notes'), output_field=models.TextField())), output_field=models.TextField()),
        ),
        migrations.AddField(
            model_name='conversation',
            name='search_vector',
            field=models.GeneratedField(db_persist=True, expression=django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.SearchVector(crisis_coach.common.search.Normalise(models.F('acknowledge')), config='simple', weight='B'), '||', django.contrib.postgres.search.SearchVector(crisis_coach.common.search.Normalise(models.F('acknowledge')), config='english', weight='B'), django.contrib.postgres.search.SearchConfig('simple')), '||', django.contrib.postgres.search.SearchVector(crisis_coach.common.search.Normalise(models.F('acknowledge')), config='arabic', weight='B'), django.contrib.postgres.search.SearchConfig('simple')), '||', django.contrib.postgres.search.SearchVector(crisis_coach.common.search.Normalise(models.F('cause')), config='simple', weight='B'), django.contrib.postgres.search.SearchConfig('simple')), '||', django.contrib.postgres.search.SearchVector(crisis_coach.common.search.Normalise(models.F('cause')), config='english', weight='B'), django.contrib.postgres.search.SearchConfig('simple')), '||', django.contrib.postgres.search.SearchVector(crisis_coach.common.search.Normalise(models.F('cause')), config='arabic', weight='B'), django.contrib.postgres.search.SearchConfig('simple')), '||', django.contrib.postgres.search.SearchVector(crisis_coach.common.search.Normalise(models.F('amends')), config='simple', weight='B'), django.contrib.postgres.search.SearchConfig('simple')), '||', django.contrib.postgres.search.SearchVector(crisis_coach.common.search.Normalise(models.F('amends')), config='english', weight='B'), django.contrib.postgres.search.SearchConfig('simple')), '||', django.contrib.postgres.search.SearchVector(crisis_coach.common.search.Normalise(models.F('amends')), config='arabic', weight='B'), django.contrib.postgres.search.SearchConfig('simple')), '||', django.contrib.postgres.search.SearchVector(crisis_coach.common.search.Normalise(models.F('ask')), config='simple', weight='B'), django.contrib.postgres.search.SearchConfig('simple')), '||', django.contrib.postgres.search.SearchVector(crisis_coach.common.search.Normalise(models.F('ask')), config='english', weight='B'), django.contrib.postgres.search.SearchConfig('simple')), '||', django.contrib.postgres.search.SearchVector(crisis_coach.common.search.Normalise(models.F('ask')), config='arabic', weight='B'), django.contrib.postgres.search.SearchConfig('simple')), '||', django.contrib.postgres.search.SearchVector(crisis_coach.common.search.Normalise(models.F('outcome_notes')), config='simple', weight='B'), django.contrib.postgres.search.SearchConfig('simple')), '||', django.contrib.postgres.search.SearchVector(crisis_coach.common.search.Normalise(models.F('outcome_notes')), config='english', weight='B'), django.contrib.postgres.search.SearchConfig('simple')), '||', django.contrib.postgres.search.SearchVector(crisis_coach.common.search.Normalise(models.F('outcome_notes')), config='arabic', weight='B'), django.contrib.postgres.search.SearchConfig('simple')), output_field=django.contrib.postgres.search.SearchVectorField()),
        ),
        migrations.AddField(
            model_name='incident',
            name='own_search_text',
            field=models.GeneratedField(db_persist=True, expression=crisis_coach.common.search.Normalise(django.db.models.functions.text.Concat(models.F('title'), models.Value(' '), models.F('what_happened'), output_field=models.TextField())), output_field=models.TextField()),
        ),
        migrations.AddField(
            model_name='incident',
            name='own_search_vector',
            field=models.GeneratedField(db_persist=True, expression=django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.SearchVector(crisis_coach.common.search.Normalise(models.F('title')), config='simple', weight='A'), '||', django.contrib.postgres.search.SearchVector(crisis_coach.common.search.Normalise(models.F('title')), config='english', weight='A'), django.contrib.postgres.search.SearchConfig('simple')), '||', django.contrib.postgres.search.SearchVector(crisis_coach.common.search.Normalise(models.F('title')), config='arabic', weight='A'), django.contrib.postgres.search.SearchConfig('simple')), '||', django.contrib.postgres.search.SearchVector(crisis_coach.common.search.Normalise(models.F('what_happened')), config='simple', weight='B'), django.contrib.postgres.search.SearchConfig('simple')), '||', django.contrib.postgres.search.SearchVector(crisis_coach.common.search.Normalise(models.F('what_happened')), config='english', weight='B'), django.contrib.postgres.search.SearchConfig('simple')), '||', django.contrib.postgres.search.SearchVector(crisis_coach.common.search.Normalise(models.F('what_happened')), config='arabic', weight='B'), django.contrib.postgres.search.SearchConfig('simple')), output_field=django.contrib.postgres.search.SearchVectorField()),
        ),
        migrations.AddField(
            model_name='reflection',
            name='search_text',
            field=models.GeneratedField(db_persist=True, expression=crisis_coach.common.search.Normalise(django.db.models.functions.text.Concat(models.F('strengths'), models.Value(' '), models.F('lessons'), models.Value(' '), models.F('next_step'), output_field=models.TextField())), output_field=models.TextField()),
        ),
        migrations.AddField(
            model_name='reflection',
            name='search_vector',
            field=models.GeneratedField(db_persist=True, expression=django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.SearchVector(crisis_coach.common.search.Normalise(models.F('strengths')), config='simple', weight='B'), '||', django.contrib.postgres.search.SearchVector(crisis_coach.common.search.Normalise(models.F('strengths')), config='english', weight='B'), django.contrib.postgres.search.SearchConfig('simple')), '||', django.contrib.postgres.search.SearchVector(crisis_coach.common.search.Normalise(models.F('strengths')), config='arabic', weight='B'), django.contrib.postgres.search.SearchConfig('simple')), '||', django.contrib.postgres.search.SearchVector(crisis_coach.common.search.Normalise(models.F('lessons')), config='simple', weight='B'), django.contrib.postgres.search.SearchConfig('simple')), '||', django.contrib.postgres.search.SearchVector(crisis_coach.common.search.Normalise(models.F('lessons')), config='english', weight='B'), django.contrib.postgres.search.SearchConfig('simple')), '||', django.contrib.postgres.search.SearchVector(crisis_coach.common.search.Normalise(models.F('lessons')), config='arabic', weight='B'), django.contrib.postgres.search.SearchConfig('simple')), '||', django.contrib.postgres.search.SearchVector(crisis_coach.common.search.Normalise(models.F('next_step')), config='simple', weight='B'), django.contrib.postgres.search.SearchConfig('simple')), '||', django.contrib.postgres.search.SearchVector(crisis_coach.common.search.Normalise(models.F('next_step')), config='english', weight='B'), django.contrib.postgres.search.SearchConfig('simple')), '||', django.contrib.postgres.search.SearchVector(crisis_coach.common.search.Normalise(models.F('next_step')), config='arabic', weight='B'), django.contrib.postgres.search.SearchConfig('simple')), output_field=django.contrib.postgres.search.SearchVectorField()),
        ),
        migrations.AddField(
            model_name='stakeholder',
            name='search_text',
            field=models.GeneratedField(db_persist=True, expression=crisis_coach.common.search.Normalise(django.db.models.functions.text.Concat(models.F('name'), models.Value(' '), models.F('what_they_said'), output_field=models.TextField())), output_field=models.TextField()),
        ),
        migrations.AddField(
            model_name='stakeholder',
            name='search_vector',
            field=models.GeneratedField(db_persist=True, expression=django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.SearchVector(crisis_coach.common.search.Normalise(models.F('name')), config='simple', weight='A'), '||', django.contrib.postgres.search.SearchVector(crisis_coach.common.search.Normalise(models.F('name')), config='english', weight='A'), django.contrib.postgres.search.SearchConfig('simple')), '||', django.contrib.postgres.search.SearchVector(crisis_coach.common.search.Normalise(models.F('name')), config='arabic', weight='A'), django.contrib.postgres.search.SearchConfig('simple')), '||', django.contrib.postgres.search.SearchVector(crisis_coach.common.search.Normalise(models.F('what_they_said')), config='simple', weight='B'), django.contrib.postgres.search.SearchConfig('simple')), '||', django.contrib.postgres.search.SearchVector(crisis_coach.common.search.Normalise(models.F('what_they_said')), config='english', weight='B'), django.contrib.postgres.search.SearchConfig('simple')), '||', django.contrib.postgres.search.SearchVector(crisis_coach.common.search.Normalise(models.F('what_they_said')), config='arabic', weight='B'), django.contrib.postgres.search.SearchConfig('simple')), output_field=django.contrib.postgres.search.SearchVectorField()),
        ),
        migrations.AddField(
            model_name='timelineevent',
            name='search_text',
            field=models.GeneratedField(db_persist=True, expression=crisis_coach.common.search.Normalise(models.F('text')), output_field=models.TextField()),
        ),
        migrations.AddField(
            model_name='timelineevent',
            name='search_vector',
            field=models.GeneratedField(db_persist=True, expression=django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.SearchVector(crisis_coach.common.search.Normalise(models.F('text')), config='simple', weight='B'), '||', django.contrib.postgres.search.SearchVector(crisis_coach.common.search.Normalise(models.F('text')), config='english', weight='B'), django.contrib.postgres.search.SearchConfig('simple')), '||', django.contrib.postgres.search.SearchVector(crisis_coach.common.search.Normalise(models.F('text')), config='arabic', weight='B'), django.contrib.postgres.search.SearchConfig('simple')), output_field=django.contrib.postgres.search.SearchVectorField()),
        ),
    ]
