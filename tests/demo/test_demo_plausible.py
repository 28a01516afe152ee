"""The demo's figures are plausible (#19): about one person received in ten has a problem solved, as the article's
6,000 received and 560 solved; each case goes to the unit whose work its matter is; the deputies' suggestions
are decided and carried out as the rules allow; the replied items met the deputy face to face."""

import pytest
from django.db.models import Sum

from congress.models import Department, DepartmentKind, Township
from demo.matters import GOVERNMENT, unit_for, units_for
from demo.register import PUBLIC_SECTORS
from deputies.models import Deputy
from petitions.models import HandlingSuggestion, Referral, ReferralStatus, Visit
from petitions.models.visits import FINISHED
from proposals.models import FACE_TO_FACE, Meeting, Status
from tests.factories import DepartmentFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("matter", "unit"),
    [
        ("关于加强农村饮用水源保护的议案", "生态环境保护办公室"),
        ("医保报销比例不清楚，希望解释", "社会保障服务中心"),
        ("林地权属与邻村有争议", "自然资源所"),
        ("家庭赡养老人问题发生矛盾", "司法所"),
        ("家中老人的低保被取消，询问原因", "社会事务办公室"),
        ("村组道路雨季塌方，出行困难", "村镇规划建设服务中心"),
        ("咨询子女入学政策", "中心学校"),
        ("关于加强校园周边交通安全的建议", "派出所"),
        ("一件谁也说不清的事", GOVERNMENT[0]),
    ],
)
def test_a_matter_goes_to_the_unit_whose_work_it_is(matter, unit):
    assert units_for(matter)[0] == unit


def test_a_town_without_that_unit_gives_it_to_the_next_in_line(town_a):
    farming = DepartmentFactory(township=town_a, name="农业农村服务中心")
    office = DepartmentFactory(township=town_a, name="党政综合办公室")
    assert unit_for("采石场粉尘影响庄稼", [office, farming]) == farming
    assert unit_for("咨询子女入学政策", [farming, office]) == office


def test_the_demo_is_plausible(demo_rows):
    totals = {"people": 0, "solved": 0}
    for town in Township.objects.all():
        visits = Visit.objects.for_township(town)
        people = visits.aggregate(n=Sum("visitor_count"))["n"]
        referrals = Referral.objects.for_township(town)
        solved = visits.filter(solved_on_spot=True).count()
        solved += referrals.filter(resolved=True, visitor_told_at__isnull=False).count()
        totals["people"] += people
        totals["solved"] += solved
        # 大莫古镇 as the article (6,000 received, 560 solved); the small town's few hundred visits vary more.
        low, high = (0.09, 0.11) if town.code == "damogu" else (0.07, 0.13)
        assert low <= solved / people <= high, f"{town}: {solved} solved of {people} received"
        assert visits.filter(solved_on_spot=True).count() < visits.filter(outcome="answered").count() / 10
        assert referrals.filter(resolved=True, visitor_told_at__isnull=True).exists()
        assert referrals.filter(resolved=False).exists()
        assert referrals.filter(confirmed_by__isnull=False).exists()
        units = list(Department.objects.for_township(town).filter(kind=DepartmentKind.TOWN_DEPARTMENT))
        for referral in referrals.select_related("visit", "department"):
            assert referral.department == unit_for(referral.visit.content, units), referral.visit.content

    assert 0.09 <= totals["solved"] / totals["people"] <= 0.11, totals

    main = Township.objects.get(code="damogu")
    referrals = Referral.objects.for_township(main)
    assert sum(1 for r in referrals if r.is_overdue) in range(1, len(referrals) // 10)
    suggestions = HandlingSuggestion.objects.for_township(main)
    for adopted in (True, False, None):
        assert suggestions.filter(adopted=adopted).exists()
    carried_out = suggestions.filter(carried_out_at__isnull=False).select_related("visit__referral")
    assert carried_out.exists()
    assert all(s.visit.referral.status in FINISHED for s in carried_out)
    assert not carried_out.filter(visit__referral__status=ReferralStatus.IN_PROGRESS).exists()

    public = Deputy.objects.for_township(main).filter(public_employee=True)
    assert 0 < public.count() < Deputy.objects.for_township(main).count() / 4
    assert set(public.values_list("sector", flat=True)) <= PUBLIC_SECTORS

    replied = Meeting.objects.filter(proposal__status__in=(Status.REPLIED, Status.CLOSED))
    assert not replied.exclude(form__in=FACE_TO_FACE).exists()
    assert Meeting.objects.exclude(form__in=FACE_TO_FACE).exists(), "a call on record shows what does not count"
