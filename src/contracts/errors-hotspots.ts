import type { HotspotErrorCode } from '../domain/errors.js';

// Stable error codes of hot spots (热点发现) and their zh-CN messages.
export const hotspotErrors: Record<HotspotErrorCode, string> = {
  HOTSPOT_NOT_FOUND: '热点不存在或无权查看',
  HOTSPOT_ALREADY_TASK: '该热点已转为治理任务，不能重复转办',
  HOTSPOT_TOPIC_TAKEN: '该月已有“每月一题”，每月只设一题',
  HOTSPOT_MONTH_INVALID: '月份格式应为“2026-12”，且不能早于本月',
  HOTSPOT_DAY_INVALID: '检测日不能晚于今天',
  HOTSPOT_NOT_TOPIC: '该热点不是每月一题，无需取消',
  HOTSPOT_TOPIC_PAST: '该月已过去，每月一题留作记录，不能取消',
};
