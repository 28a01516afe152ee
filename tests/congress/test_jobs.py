"""A background job's page: the office of its town follows the progress until the outcome; nobody else sees it."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from congress.models import Job, JobKind, JobStatus
from congress.services import job_create, job_enqueue

pytestmark = pytest.mark.django_db


@pytest.fixture
def job(town_a, alice):
    return job_create(township=town_a, user=alice, kind=JobKind.REGISTER_IMPORT, title="导入人大代表")


def set_state(job: Job, **values) -> Job:
    Job.objects.filter(pk=job.pk).update(**values)
    job.refresh_from_db()
    return job


def page(client, job: Job, **headers):
    return client.get(reverse("job_detail", kwargs={"pk": job.pk}), headers=headers)


def test_the_office_follows_a_running_job_that_asks_again_every_second(login, alice, job):
    set_state(job, status=JobStatus.RUNNING, started_at=timezone.now(), total=2000, done=300)
    response = page(login(alice), job)
    text = response.content.decode()
    assert response.status_code == 200
    assert 'hx-trigger="every 1s"' in text and f'hx-get="{reverse("job_detail", kwargs={"pk": job.pk})}"' in text
    assert '<progress class="w-100" max="2000" value="300"' in text
    assert "aria-label=" in text
    assert "no-cache" in response["Cache-Control"]


def test_htmx_gets_the_progress_alone(login, alice, job):
    set_state(job, status=JobStatus.RUNNING, started_at=timezone.now(), total=10, done=5)
    response = page(login(alice), job, HX_Request="true")
    text = response.content.decode()
    assert text.lstrip().startswith('<div id="job-status"') and "<html" not in text
    assert "HX-Request" in response["Vary"]


def test_a_job_not_started_shows_a_progress_bar_without_a_value(login, alice, job):
    text = page(login(alice), job).content.decode()
    assert 'data-job-status="queued"' in text and 'hx-trigger="every 1s"' in text
    assert "<progress" in text and "value=" not in text.split("<progress", 1)[1].split(">", 1)[0]


def test_a_failed_job_says_why_and_stops_asking(login, alice, job):
    set_state(job, status=JobStatus.FAILED, message="部分行有错误，未导入任何数据。", errors=["第 3 行：…"])
    text = page(login(alice), job).content.decode()
    assert "部分行有错误" in text and "第 3 行" in text
    assert "hx-trigger" not in text


def test_another_towns_office_gets_404_for_the_job(login, dave, job):
    assert page(login(dave), job).status_code == 404


@pytest.mark.parametrize("who", ["leo", "bob", "carol", "erin"])
def test_only_the_office_opens_a_job(login, request, who, job):
    assert page(login(request.getfixturevalue(who)), job).status_code == 403


def test_a_job_that_cannot_reach_the_workers_fails_at_once_saying_so(job, django_capture_on_commit_callbacks):
    class BrokerDown:
        def delay(self, *args):
            raise ConnectionError("redis is down")

    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        job_enqueue(job=job, task=BrokerDown())
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert "could not be started" in job.message
