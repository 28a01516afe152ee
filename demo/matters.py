"""Which of a town's units handles a matter: a visitor's problem or a deputy's item goes to the unit whose work
it is (饮用水源 to the environment office, 医保 to the social security centre, a road to the planning and
construction centre), chosen from the words of the matter, never at random. A smaller town without that unit
gives it to the next one in line."""

from congress.models import Department

ENVIRONMENT = ["生态环境保护办公室", "农业农村服务中心"]
LAND = ["自然资源所", "农业农村服务中心"]
SOCIAL_SECURITY = ["社会保障服务中心", "社会事务办公室"]
SOCIAL_AFFAIRS = ["社会事务办公室"]
DISPUTES = ["司法所", "社会治安综合治理中心", "社会事务办公室"]
CONSTRUCTION = ["村镇规划建设服务中心", "农业农村服务中心"]
AGRICULTURE = ["农业农村服务中心"]
SCHOOL = ["中心学校", "社会事务办公室"]
HEALTH = ["卫生院", "社会事务办公室"]
ECONOMY = ["经济发展办公室", "党政综合办公室"]
SAFETY = ["派出所", "社会治安综合治理中心", "党政综合办公室"]
GOVERNMENT = ["党政综合办公室"]

# The first rule whose word the matter contains decides; the order settles the matters two rules could claim
# (a dispute over forest land is a land matter; looking after an old parent, a dispute).
RULES: list[tuple[tuple[str, ...], list[str]]] = [
    (("交通安全",), SAFETY),
    (("饮用水源", "污水", "粉尘", "污染", "放牧"), ENVIRONMENT),
    (("承包地", "宅基地", "耕地", "林地", "征地", "丈量"), LAND),
    (("医保", "就业", "务工", "工资"), SOCIAL_SECURITY),
    (("赡养", "纠纷", "矛盾"), DISPUTES),
    (("低保", "残疾", "老人", "文化活动室", "公益性岗位"), SOCIAL_AFFAIRS),
    (("消防",), ["社会治安综合治理中心", "党政综合办公室"]),
    (("垃圾",), ["村镇规划建设服务中心", "生态环境保护办公室", "农业农村服务中心"]),
    (("道路", "路灯", "自来水", "饮水", "水管", "建房", "村庄规划", "塌方"), CONSTRUCTION),
    (("水利", "河道", "烤烟", "施肥", "合作社", "农产品"), AGRICULTURE),
    (("入学", "学校", "学生"), SCHOOL),
    (("卫生室", "卫生院"), HEALTH),
    (("客运", "旅游", "电商"), ECONOMY),
]


def units_for(matter: str) -> list[str]:
    """The names of the units that handle `matter`, the first the one whose work it is."""
    return next((names for words, names in RULES if any(word in matter for word in words)), GOVERNMENT)


def unit_for(matter: str, departments: list[Department]) -> Department:
    """The town's unit that handles `matter`: the first of units_for(matter) the town has, else its office."""
    by_name = {d.name: d for d in departments}
    for name in (*units_for(matter), *GOVERNMENT):
        if name in by_name:
            return by_name[name]
    return departments[0]
