"""The demo rules library (制度库): the rules the report says the presidium of 大莫古镇 set up — study, inspection and
research (建立健全代表学习、视察、调研制度), carrying out deputies' suggestions, the assessment of deputies' work — with
the reception work rules and the stations' wall texts (制度上墙). Idempotent: a rule is found again by its title, and
only its missing versions are added."""

from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import AbstractBaseUser

from congress.models import Membership, Role, Township
from deputies.models import Rule, RuleKind, Station, StationLevel
from deputies.services.rules import rule_create, rule_mark_public, rule_publish, rule_version_add

STUDY = (
    "第一条 为提高代表依法履职能力，根据《中华人民共和国全国人民代表大会和地方各级人民代表大会代表法》，"
    "结合本镇实际，制定本制度。\n"
    "第二条 代表学习坚持全员培训与代表大组活动相结合、重点培训与参观学习相结合、"
    "分层培训与代表小组活动相结合、发放资料与个人自学相结合。\n"
    "第三条 镇人大主席团每年至少组织一次全体代表集中培训，学习宪法、代表法、地方组织法和党的路线方针政策。\n"
    "第四条 代表小组每季度至少组织一次集中学习，由小组长负责召集，人大办做好记录。\n"
    "第五条 代表应积极参加学习，因故不能参加的，须提前向镇人大主席团请假，并通过自学补上。\n"
    "第六条 代表参加学习情况纳入代表履职档案，作为年度考核的重要内容。"
)
INSPECTION = (
    "第一条 为规范代表视察工作，增强视察实效，制定本制度。\n"
    "第二条 每年镇人民代表大会召开前，镇人大主席团组织县、镇人大代表对全镇经济社会发展、"
    "重点工程建设和美丽家园建设情况开展会前集中视察。\n"
    "第三条 闭会期间，镇人大主席团根据工作需要，组织代表开展专题视察，重点视察重点议案建议办理情况。\n"
    "第四条 视察前，人大办应制定视察方案，确定视察内容、时间和地点，并提前通知代表和被视察单位。\n"
    "第五条 代表视察时可以提出建议、批评和意见，但不直接处理问题。\n"
    "第六条 视察结束后，形成视察报告，提出的意见建议按程序交有关部门办理。"
)
RESEARCH = (
    "第一条 为使代表深入了解民情、反映民意，提高议案建议质量，制定本制度。\n"
    "第二条 调研课题由镇人大主席团根据镇党委中心工作和群众关心的热点难点问题确定，每年不少于两项。\n"
    "第三条 调研采取座谈会、走访农户、实地察看、查阅资料等方式进行，代表小组可按村别或界别分工开展。\n"
    "第四条 调研应坚持实事求是，全面、客观反映情况，不得干预有关单位的正常工作。\n"
    "第五条 调研结束后一个月内形成调研报告，报镇人大主席团，并抄送镇人民政府有关部门。"
)
SUGGESTIONS_V1 = (
    "第一条 为保证代表在参与镇领导接访中所提建议得到落实，制定本制度。\n"
    "第二条 代表针对群众反映问题提出的处理建议，由当天接访的镇领导负责协调落实。\n"
    "第三条 有关部门应及时办理代表建议，并向镇人大主席团反馈办理结果。\n"
    "第四条 镇人大主席团定期对代表建议落实情况进行督查。"
)
SUGGESTIONS_V2 = (
    "第一条 为保证代表在参与镇领导接访中所提建议得到落实，制定本制度。\n"
    "第二条 代表针对群众反映问题提出的处理建议，当天接访的镇领导要积极协调、组织有关部门和工作人员搞好落实。\n"
    "第三条 每条代表建议均须明确责任人和解决时限：一般问题15日内答复，复杂问题60日内办结。\n"
    "第四条 承办单位应说明是否采纳代表建议及采取的措施，不予采纳的应说明理由；办结后告知提出建议的代表。\n"
    "第五条 人大代表督查团每月月底听取镇领导一个月来信访案件和代表建议办理情况汇报，并可当面质询。\n"
    "第六条 代表建议落实情况纳入承办单位年度目标考核。"
)
ASSESSMENT = (
    "第一条 为激励代表依法履职，根据镇人大主席团综合目标考核要求，制定本办法。\n"
    "第二条 考核对象为本镇全体县、镇人大代表，实行统一的考核标准。\n"
    "第三条 考核内容包括参加会议、接访值班、视察调研、学习培训、代表小组活动、提出议案建议和联系选民等情况。\n"
    "第四条 对代表参与接访情况一月一考核、一月一通报，表先促后。\n"
    "第五条 年度考核分为优秀、称职、基本称职、不称职四个等次，结果记入代表履职档案。\n"
    "第六条 年度考核优秀的代表予以表彰奖励；不是村干部的优秀代表，作为村干部候选人予以重点培养。"
)
RECEPTION = (
    "第一条 每周一上午8:00，轮值代表小组到镇人大代表接待站签到，参与镇领导接访。\n"
    "第二条 代表现场监督接访情况，针对群众反映的问题，依法向接访领导提出处理建议。\n"
    "第三条 代表建议由当天接访领导协调有关部门落实，明确责任人和解决时限。\n"
    "第四条 不能参加接访的代表，须提前向镇人大主席团请假，可推荐本镇其他代表替班。\n"
    "第五条 镇政府给予参加接访的代表误工补贴，对离家较远的代表中午安排工作餐。\n"
    "第六条 代表参与接访情况纳入月度考核，一月一考核，一月一通报。"
)
STATION_WALL = (
    "一、人大代表接待选民日为每周一，上午8:00前到接待站签到。\n"
    "二、不能参加接待的代表，须提前向镇人大主席团请假。\n"
    "三、认真听取、如实记录选民反映的意见和问题，依法提出处理建议。\n"
    "四、对选民反映的问题，明确责任人和解决时限，及时反馈办理结果。\n"
    "五、严格保护来访群众个人信息，不得泄露。"
)
CONTACT_POINT_WALL = (
    "一、联络点每月第一个星期五下午由本村代表联系选民，听取意见和建议。\n"
    "二、代表应如实记录选民反映的问题，能当场解答的当场解答，不能解答的报镇人大主席团交有关部门办理。\n"
    "三、选民也可扫描联络点二维码反映事项，代表及时认领处理。\n"
    "四、代表每年向选民报告一次履职情况，接受选民监督。\n"
    "五、严格保护来访群众个人信息，不得泄露。"
)


@dataclass(frozen=True)
class DemoRule:
    title: str
    kind: str
    versions: tuple[tuple[str, date], ...]
    public: bool = True
    posted_at: str | None = None  # "town" or "village": the stations of that level whose wall carries it


def _rules(today: date, full: bool) -> list[DemoRule]:
    start = date(today.year - 3, 3, 1)
    common = [
        DemoRule("接待工作制度", RuleKind.RECEPTION, ((RECEPTION, start),)),
        DemoRule("人大代表接待站上墙制度", RuleKind.WALL, ((STATION_WALL, start),), posted_at=StationLevel.TOWN),
        DemoRule(
            "村级人大代表联络点上墙制度", RuleKind.WALL, ((CONTACT_POINT_WALL, start),), posted_at=StationLevel.VILLAGE
        ),
    ]
    if not full:
        return common
    return [
        DemoRule("代表学习制度", RuleKind.STUDY, ((STUDY, start),)),
        DemoRule("代表视察制度", RuleKind.INSPECTION, ((INSPECTION, start),)),
        DemoRule("代表调研制度", RuleKind.RESEARCH, ((RESEARCH, start),)),
        DemoRule(
            "代表建议落实制度",
            RuleKind.SUGGESTIONS,
            ((SUGGESTIONS_V1, start), (SUGGESTIONS_V2, date(today.year, 1, 1))),
        ),
        DemoRule("代表履职考核办法", RuleKind.ASSESSMENT, ((ASSESSMENT, start),), public=False),
        *common,
    ]


def _build(township: Township, spec: DemoRule, office: AbstractBaseUser | None) -> None:
    stations = Station.objects.for_township(township).filter(level=spec.posted_at) if spec.posted_at else []
    rule = Rule.objects.for_township(township).filter(title=spec.title).first()
    if rule is None:
        text, in_force_on = spec.versions[0]
        rule = rule_create(
            township=township,
            user=office,
            title=spec.title,
            kind=spec.kind,
            text=text,
            in_force_on=in_force_on,
            stations=stations,
        )
    for text, in_force_on in spec.versions[rule.versions.count() :]:
        rule_version_add(rule=rule, user=office, text=text, in_force_on=in_force_on)
    rule_publish(rule=rule, published=True)
    rule_mark_public(rule=rule, public=spec.public)


def build_rules(*, township: Township, today: date, full: bool = True) -> None:
    """The town's rules, published to its deputies and (but for the assessment rules) to the public; `full` for
    大莫古镇's whole library, else the reception work rules and the wall texts only."""
    office = Membership.objects.filter(township=township, role=Role.OFFICE).select_related("user").first()
    for spec in _rules(today, full):
        _build(township, spec, office.user if office else None)
