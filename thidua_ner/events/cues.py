"""The cue words the event rules read between entities: verbs and voice, prepositions,
authority phrases, honorifics and the gaps allowed around a title."""

from __future__ import annotations

import re

_W = r"(?<![\w])"  # word start
_E = r"(?![\w])"  # word end
GIVE_VERB = re.compile(
    _W + r"(?:trao tặng|trao thưởng|trao|chuyển trao|tặng thưởng|tặng|phong tặng|truy tặng|truy phong|phong|"
    r"khen thưởng|ký quyết định tặng|quyết định tặng|ký quyết định|ký|công nhận|tôn vinh|vinh danh|gắn)" + _E,
    re.IGNORECASE,
)
# Not "đạt được", "nhận được", "có được" (achieved, received, had).
PASSIVE = re.compile(
    _W + r"(?<!đạt )(?<!nhận )(?<!có )(?<!làm )(?<!thu )(?:được|đã được|vinh dự được)" + _E, re.IGNORECASE
)
RECEIVE = re.compile(_W + r"(?<!công )(?:nhận|đón nhận|lĩnh|đạt|giành)" + _E, re.IGNORECASE)
AUTHORITY = re.compile(
    _W + r"(?:thừa ủy quyền(?: của)?|thừa ủy nhiệm(?: của)?|thừa lệnh(?: của)?|thay mặt(?: cho)?|"
    r"(?:được sự )?ủy quyền của|ủy nhiệm của)\s*$",
    re.IGNORECASE,
)
_DECISION_OF = re.compile(r"quyết định(?: số)?[^;,]{0,60}?\bcủa\s*$", re.IGNORECASE)
_NEXT_GRANT = re.compile(
    r"(?<![\w])(?:và |, )?(?:trao tặng|trao|tặng|chuyển trao|phong tặng|truy tặng)(?![\w])", re.IGNORECASE
)
_CHO = re.compile(r"(?<![\w])cho(?![\w])", re.IGNORECASE)
# Words that introduce named recipients after an award: "cho ông A", "gồm các bà: …", "là thầy A".
_TO_RECIPIENT = re.compile(r"(?<![\w])(?:cho|tặng|đến|tới|gồm|là)(?![\w])|:", re.IGNORECASE)
# "tặng Cờ thi đua cho 46 tập thể, Bằng khen cho 312 tập thể": a later award with no verb of
# its own, joined to the previous grant, shares its giver.
# List markers count as such joins ("Chủ tịch UBND tỉnh tặng:\n- Cờ thi đua cho …;\n- Bằng khen cho …").
_ELLIPSIS = re.compile(r"[\s,;]*(?:(?:và|cùng|danh hiệu|“|\"|[-–+•*]|\(?\d{1,3}[.)]|[a-zđ]\))\s*)*", re.IGNORECASE)
# What may stand between the previous grant and a verb whose subject carries over.
_CONTINUES = re.compile(r"[\s,;]*(?:(?:và|đồng thời|cũng|đã|tiếp tục|sau đó)\s+)*", re.IGNORECASE)


_HONORIFIC = (
    r"(?:đồng chí|đ/c|các đồng chí|ông|bà|anh|chị|cô|thầy|em|cụ|mẹ|ngài|bác sĩ|bác sỹ|nhà báo|nghệ sĩ|nghệ nhân|"
    r"nhà giáo|thầy giáo|cô giáo|liệt sĩ|cố|đại tá|thượng tá|trung tá|thiếu tá|đại úy|thượng úy|trung úy|thiếu úy|"
    r"đại tướng|thượng tướng|trung tướng|thiếu tướng|giáo sư|phó giáo sư|tiến sĩ|tiến sỹ|thạc sĩ|thạc sỹ|"
    r"gs\.?|pgs\.?|ts\.?|ths\.?|bs\.?|bsckii\.?|bscki\.?|ngưt\.?|nsưt\.?|nsnd\.?|ngnd\.?|ttưt\.?|"
    r"pgs\.\s?ts\.?|gs\.\s?ts\.?|,)"
)
_BEFORE_NAME_GAP = re.compile(rf"^\s*(?:{_HONORIFIC}\s*)*$", re.IGNORECASE)
# A caption's place note may stand between: "Ông Lê Văn Tuấn (bìa trái), Giám đốc Sở Nội vụ".
_AFTER_NAME_GAP = re.compile(
    r"^\s*(?:\((?:bìa |thứ |người |đứng |ngồi |giữa|trái|phải|hàng )[^()]{0,30}\)\s*)?(?:[,\-–—(:]\s*)?"
    r"(?:(?:kiêm|nguyên|đồng thời là|hiện là|là|kiêm nhiệm)\s+)?$",
    re.IGNORECASE,
)
# "Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh Nguyễn Văn A", "Bí thư Chi bộ - Hiệu trưởng Trường X Lê Văn B".
_CHAIN_BEFORE_GAP = re.compile(r"^\s*[,\-–]\s*(?:kiêm\s+)?$|^\s+kiêm\s+$", re.IGNORECASE)

# An issuer after "do" (and honorifics): "do Chủ tịch nước trao tặng", "do đồng chí Phó Chủ tịch UBND tỉnh
# Hoàng Văn Tâm trao tặng".
BY = re.compile(rf"{_W}do\s+(?:{_HONORIFIC}\s*)*$", re.IGNORECASE)

# A verb of giving whose object is flowers or gifts, not the award: "tặng hoa chúc mừng …".
FLOWERS = re.compile(
    r"^\s+(?:những |các )?(?:bó |lẵng |giỏ )?(?:hoa|quà|kỷ vật|phần quà|suất quà)(?![\w])", re.IGNORECASE
)
# ... unless the award is coordinated with the flowers: "tặng hoa và Bằng khen".
FLOWERS_AND = re.compile(r"^\s+(?:hoa|quà)\s*(?:,|và|cùng)\s*$", re.IGNORECASE)

# Between a subject and the verb: the subject proposes or reports, someone else confers.
# "đồng chí A … đề nghị các sở … tặng", "ông A cho biết, tỉnh sẽ trao" (not "theo đề nghị của").
NOT_THE_CONFERRER = re.compile(
    r"(?<![\w])(?<!theo )(?<!cứ )(?:đề nghị|kiến nghị|đề xuất)(?! của)(?![\w])|"
    r"(?<![\w])(?:cho biết|thông tin|nhấn mạnh|khẳng định|cho rằng|chia sẻ|trình)(?![\w])",
    re.IGNORECASE,
)
# The last proposal cue: in "được A đề nghị Chủ tịch nước tặng" the giver comes after it.
PROPOSAL = re.compile(r"(?<![\w])(?<!theo )(?<!cứ )(?:đề nghị|kiến nghị|đề xuất)(?! của)(?![\w])", re.IGNORECASE)
# A parenthetical between subject and verb: "Chủ tịch UBND tỉnh, theo đề nghị của Sở Nội vụ, đã tặng".
PARENTHETICAL = re.compile(r",\s*(?:theo|căn cứ|trên cơ sở)\b[^,;]*,", re.IGNORECASE)

# An award as the subject of a new passive clause: "…; Bằng khen được trao cho 12 cá nhân".
PASSIVE_AFTER = re.compile(r"^\s*(?:(?:đã|sẽ|cũng|vừa|đều)\s+)*(?:được|do)(?![\w])", re.IGNORECASE)

# Persons who give nor receive: a possessive ("công ty của ông X"), an anniversary
# ("ngày sinh Chủ tịch Hồ Chí Minh"), the thought of a leader ("tư tưởng, đạo đức, phong cách Hồ Chí Minh").
POSSESSIVE = re.compile(
    rf"(?<![\w])(?:(?<!quyền )(?<!nhiệm )(?<!lệnh )của\s+(?:{_HONORIFIC}\s*)*"
    # "công ty bà Y", "cơ sở ông X": the firm, not the person ("gia đình ông X" stands for the
    # person: an award given to a family is the person's, often posthumously).
    rf"|(?:công ty|doanh nghiệp|cơ sở|xưởng|trang trại|hợp tác xã)\s+"
    rf"(?:ông|bà|anh|chị|cụ|cô|chú)\s+)$",
    re.IGNORECASE,
)
_DECISION_BEFORE = re.compile(r"quyết định(?: số)?[^;]{0,60}$", re.IGNORECASE)
ANNIVERSARY = re.compile(
    r"(?<![\w])(?:(?:ngày sinh|năm sinh|ngày mất|năm mất|ngày giỗ|sinh nhật|ngày hy sinh|tư tưởng|đạo đức|"
    r"phong cách|tấm gương|theo gương|lời dạy của|di chúc của|lời kêu gọi của)\s+(?:của\s+)?"
    r"(?:(?:chủ tịch|bác|đại tướng|đồng chí|cố|tổng bí thư|thủ tướng|chủ tịch nước|anh hùng|liệt sĩ|nhà thơ|"
    r"danh nhân|vị)\s+)*"
    # "Ngày Chủ tịch Hồ Chí Minh ra Lời kêu gọi…": a plain "ngày" needs the title ("ngày 5/3" is a date).
    r"|ngày\s+(?:chủ tịch|bác|đại tướng)\s+)$",
    re.IGNORECASE,
)

# Offices are POSITIONs; bodies (party committees, councils, youth unions, "lãnh đạo …") are not,
# even when a tagger marks them so: they fill no role.
BODY = re.compile(
    r"^(?:lãnh đạo|ban|tỉnh đoàn|thành đoàn|huyện đoàn|đoàn thanh niên|trung ương đoàn|tỉnh ủy(?! viên)|"
    r"thành ủy(?! viên)|huyện ủy(?! viên)|đảng ủy(?! viên)|đảng bộ|ubnd|ủy ban|hđnd|hội đồng|thường trực(?! ban bí thư)|đảng(?! viên)|nhà nước|chính phủ|"
    r"quốc hội|bộ(?! trưởng)|sở|công an(?! viên)|liên đoàn|mặt trận|hội(?! viên)|cụm thi đua|khối thi đua|"
    r"cục(?! trưởng)|tổng cục(?! trưởng)|vụ(?! trưởng)|viện(?! trưởng)|trường|công ty|ngân hàng|"
    r"btv|bch|bcđ|ubmttq|mttq|hđtđkt|hội đồng tđkt)(?![\w])",
    re.IGNORECASE,
)

# A ceremony's attendees: "Dự lễ trao … có các đồng chí: …", "Tham dự có …", "Về dự … có …".
# The intro runs from the sentence start to "có"; the list after it names attendees.
ATTENDEES = re.compile(
    r"(?:^|(?<=[.;:,\n])\s*|(?<=\n))\s*(?:(?:về|tới|đến|cùng)\s+)?(?:tham\s+)?dự"
    r"(?!\s+(?:án|kiến|báo|thảo|toán|định|phòng|bị|trữ|thi|đoán|tính|luật|khuyết))(?![\w])"
    r"(?P<intro>[^;]*?)(?<![\w])có(?![\w])(?!\s+(?:thành tích|nhiều|sự|được|những đóng góp|đóng góp))",
    re.IGNORECASE,
)
# "Tới dự và trao Huân chương … có đồng chí X": the attendee named after "có" is the giver.
ATTEND_AND_GIVE = re.compile(r"^\s*và\s+(?:trao tặng|trao|gắn|tặng|chuyển trao)(?![\w])", re.IGNORECASE)

# A photo credit or byline: "(Ảnh: Minh Đức)", "Tin, ảnh: …", "Bài và ảnh: …".
CREDIT = re.compile(
    r"(?<![\w])(?:ảnh|tin|bài|video|clip|nguồn|tin và ảnh|bài và ảnh|tin, ảnh)\s*[:\-–]\s*$", re.IGNORECASE
)
# "… với sự tham dự của các đồng chí: …", "… có sự hiện diện của …": attendees after "của".
ATTENDEES_OF = re.compile(r"(?<![\w])sự (?:tham dự|có mặt|hiện diện|chứng kiến) của(?![\w])", re.IGNORECASE)

# --- cues of the whole-page rules (rules.py)

# "15 tập thể, 27 cá nhân được khen thưởng, trong đó: Bằng khen …: 2 tập thể": the group before the
# verb is the total, the award's own recipients follow it.
BREAKDOWN = re.compile(r"(?<![\w])(?:trong đó|bao gồm|gồm|cụ thể)(?![\w])", re.IGNORECASE)

# A verb whose object comes before the award: "suy tôn đồng chí A là …", "tặng 15 tập thể Bằng khen".
ACCOLADE_BEFORE_OBJECT = re.compile(
    r"(?<![\w])(?:suy tôn|công nhận|tôn vinh|vinh danh|bầu chọn|bình chọn|phong tặng|truy tặng|trao tặng|tặng|trao)"
    rf"\s+(?:cho\s+)?(?:{_HONORIFIC}\s*)*$",
    re.IGNORECASE,
)

# Between that object and the award.
OBJECT_TO_AWARD = re.compile(r"\s*,?\s*(?:(?:là|làm|đạt)\s+)?(?:danh hiệu\s*)?[“\"]?\s*", re.IGNORECASE)

# Awards only collectives receive.
COLLECTIVE_ONLY = re.compile(
    r"^(?:cờ thi đua|cờ)(?![\w])|tập thể lao động|đơn vị (?:quyết thắng|tiên tiến)", re.IGNORECASE
)

# "… 41 Nghệ nhân ưu tú được Chủ tịch nước phong tặng": the agent after the award.
POSTPOSED_AGENT = re.compile(rf"(?<![\w])(?:đã |vừa |cùng )?được\s+(?:{_HONORIFIC}\s*)*$", re.IGNORECASE)

# Between two coordinated givers: "A, … và đồng chí B".
AND_ANOTHER = re.compile(rf"^\s*(?:,\s*)?(?:và|cùng|,)\s*(?:{_HONORIFIC}\s*)*$", re.IGNORECASE)

# A clause that only lists names and titles (givers listed over ';').
ONLY_NAMES = re.compile(rf"[\s,:\-–]*(?:(?:{_HONORIFIC}|và|cùng|kiêm|nguyên)[\s,:\-–]*)*", re.IGNORECASE)

# An apposition about a name before the verb: ", người có hơn 40 năm truyền dạy hát chèo cho học sinh,".
APPOSITION = re.compile(r",\s*(?:người|chủ|là người)\s[^,;]{0,90},", re.IGNORECASE)
# "… là một trong 3 cá nhân …", "là 1 trong 10 “Gương mặt …”".
ONE_OF = re.compile(r"(?<![\w])là (?:một|1) trong (?:số )?(?:những )?$", re.IGNORECASE)
# A count that starts a passive grant of its own: "…, 93 tập thể, cá nhân được tặng Huân chương các loại".
NEW_PASSIVE_GRANT = re.compile(
    r"\s*(?:(?:đã|vừa|cũng)\s+)*(?:được|vinh dự được)\s+(?:trao tặng|trao|tặng thưởng|tặng|phong tặng|truy tặng)(?![\w])",
    re.IGNORECASE,
)
# "…, trong đó có một doanh nghiệp": a counted subset (decision 13).
SUBSET = re.compile(r"(?<![\w])trong đó(?: có)?\s*:?\s*$", re.IGNORECASE)
# A named source: "Theo ông Đặng Quốc Việt, …" (who says it fills no role).
SOURCE = re.compile(rf"(?:^|[.;:,]\s*|\n)\s*theo\s+(?:{_HONORIFIC}\s*)*$", re.IGNORECASE)
# Between one passive grant and the next with the same subject: "… tặng Bằng khen đột xuất và được …".
SHARED_SUBJECT = re.compile(
    r"\s*(?:[^\s,;.]+\s+){0,3}?(?:,\s*)?(?:và|,)\s*(?:(?:cũng|đồng thời|còn|đã)\s+)*", re.IGNORECASE
)
# Words that make a campaign before the award its frame: "dẫn đầu phong trào …", "trong phong trào …".
FRAMING_CAMPAIGN = re.compile(
    r"(?<![\w])(?:dẫn đầu|xuất sắc trong|tiêu biểu trong|trong)\s*(?:(?:phong trào|cuộc vận động|đợt)(?:\s+thi đua)?)?"
    r"\s*[“\"]?\s*$",
    re.IGNORECASE,
)
# The reason given for a list of grants: "vì có thành tích xuất sắc trong …", "với thành tích … trong …".
# ("… cho 73 tập thể đã có thành tích xuất sắc trong …" qualifies those recipients only.)
REASON = re.compile(r"(?<![\w])(?:vì|với)\s+(?:đã\s+)?(?:có\s+)?(?:những\s+)?thành tích", re.IGNORECASE)
# An office proposing with no conferrer named: "Giám đốc Sở Nội vụ đã đề nghị (xét) tặng …".
OWN_PROPOSAL = re.compile(
    r"\s*(?:(?:đã|vừa|sẽ|cũng|tiếp tục)\s+)*(?:đề nghị|kiến nghị|đề xuất|trình)(?:\s+(?:cấp trên|cấp có thẩm quyền))?"
    r"(?:\s+xét)?\s*",
    re.IGNORECASE,
)
# "…, là Chiến sĩ thi đua toàn quốc": a name (and its titles) said to hold a title.
IS_TITLE = re.compile(r"\s*,?\s*(?:(?:đã|hiện|từng|vinh dự|cũng)\s+)*là\s+(?:danh hiệu\s+)?[“\"]?\s*", re.IGNORECASE)

# --- link cues (links.py)

# What may stand between a name and its title on pages: "(sinh năm 1941)", "(dân tộc Ba Na)",
# ", 92 tuổi,", ", người dân tộc Vân Kiều,".
DESCRIPTORS = re.compile(
    r"^\s*(?:\([^()]{1,40}\)|,\s*(?:\d{1,3} tuổi|sinh năm \d{4}|người dân tộc [^,;()]{1,20}|dân tộc [^,;()]{1,20}))"
    r"(?=\s*[,\-–]|\s*$)",
    re.IGNORECASE,
)

# A title, a comma, then a rank or degree and the name: "Đồn trưởng Đồn Biên phòng Ia O, Trung tá Rơ Chăm Tuấn",
# "Giám đốc bệnh viện, BSCKII Trần Thị Vân Anh" ("…, đồng chí A" is not enough: "Thừa ủy quyền của …, đồng chí A").
COMMA_RANK = re.compile(
    r"^\s*,\s*(?:(?:đại tá|thượng tá|trung tá|thiếu tá|đại úy|thượng úy|trung úy|thiếu úy|đại tướng|thượng tướng|"
    r"trung tướng|thiếu tướng|giáo sư|phó giáo sư|tiến sĩ|thạc sĩ|bác sĩ|gs\.?|pgs\.?|ts\.?|ths\.?|bs\.?|bsckii\.?|"
    r"bscki\.?|pgs\.\s?ts\.?|gs\.\s?ts\.?|nsnd|nsưt|ngnd|ngưt|ttnd|ttưt)\s*)+$",
    re.IGNORECASE,
)
