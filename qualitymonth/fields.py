"""The one table of an activity's field names: the English key (plans, JSON, code), the
Chinese key a plan may use instead (annex 2's column), the label a table shows (an
:mod:`qualitymonth.i18n` key of the same name), and the names offices give the column in the
tables ``qm import`` reads.
"""

from __future__ import annotations

__all__ = ["ACTIVITY_ALIASES", "SYNONYMS"]

#: English key -> the Chinese key of annex 2 that may stand for it in a plan.
ACTIVITY_ALIASES: dict[str, str] = {
    "id": "序号",
    "theme": "活动主题",
    "content": "活动内容",
    "schedule": "时间安排",
    "lead": "牵头部门",
    "assist": "协办单位",
    "remark": "备注",
    "start": "开始日期",
    "end": "结束日期",
}

#: Field -> the names offices give its column (Chinese notices of several kinds, and English).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "id": ("序号", "编号", "序", "号", "顺序号", "id", "no", "no.", "#", "number", "item no."),
    "theme": (
        "活动主题", "活动名称", "活动项目", "活动", "主题", "工作任务", "工作事项", "任务名称",
        "任务", "事项", "项目", "项目名称", "工作项目", "重点任务", "重点工作", "主要任务",
        "具体任务", "工作重点", "名称", "工作名称", "活动题目",
        "theme", "title", "task", "activity", "item", "name", "topic",
    ),
    "content": (
        "活动内容", "工作内容", "具体内容", "主要内容", "内容", "工作措施", "具体措施",
        "主要措施", "工作举措", "具体举措", "任务内容", "实施内容", "活动形式", "工作要求",
        "具体工作", "内容及要求", "主要内容及措施", "活动内容及形式",
        "content", "contents", "description", "details", "measures",
    ),
    "schedule": (
        "时间安排", "完成时限", "时间节点", "完成时间", "活动时间", "时间", "时限", "时间进度",
        "进度安排", "完成期限", "截止时间", "实施时间", "开展时间", "起止时间", "时间要求",
        "时限要求", "日期", "活动日期", "工作时限", "办结时限",
        "schedule", "time", "timing", "deadline", "due", "date", "dates", "when", "timeline",
    ),
    "lead": (
        "牵头部门", "牵头单位", "牵头科室", "牵头处室", "责任单位", "责任部门", "责任科室",
        "责任处室", "主办单位", "主办部门", "承办单位", "承办部门", "负责单位", "负责部门",
        "主责单位", "主责部门", "牵头", "责任主体", "牵头责任单位", "牵头负责单位",
        "组织单位", "牵头领导单位",
        "lead", "lead department", "lead unit", "responsible", "responsible unit",
        "responsible department", "owner", "organizer", "organiser",
    ),
    "assist": (
        "协办单位", "协办部门", "协办科室", "配合单位", "配合部门", "配合科室", "参与单位",
        "参与部门", "协助单位", "协助部门", "参加单位", "配合", "协办", "配合责任单位",
        "协同单位", "协同部门",
        "assist", "assisting", "co-organizer", "co-organizers", "co-organiser",
        "co-organisers", "supporting units", "support", "partners",
    ),
    "remark": (
        "备注", "说明", "备注说明", "附注",
        "remark", "remarks", "note", "notes", "comment", "comments",
    ),
}  # fmt: skip
