import type { Open311ErrorCode } from '../domain/errors.js';

// Stable error codes of the open311 area and their zh-CN messages (merged into errorMessages in errors.ts).
// The Open311 endpoints answer with the standard GeoReport body `[{code, description}]` (code = HTTP status);
// the key console uses the usual `{error:{code,message}}`.
export const open311Errors: Record<Open311ErrorCode, string> = {
  OPEN311_KEY_NAME_REQUIRED: '请填写接入系统名称',
  OPEN311_KEY_NAME_TAKEN: '已有同名的有效密钥，请换一个名称或先停用旧密钥',
  OPEN311_KEY_NOT_FOUND: '接口密钥不存在',
  OPEN311_KEY_ALREADY_REVOKED: '接口密钥已停用',
  OPEN311_API_KEY_INVALID: 'api_key 无效或已停用',
  OPEN311_SERVICE_NOT_FOUND: '服务类型（service_code）不存在',
  OPEN311_SERVICE_CODE_INVALID: 'service_code 不是可受理的服务类型',
  OPEN311_FIELD_REQUIRED: '缺少必填参数',
  OPEN311_FIELD_INVALID: '参数格式不正确',
  OPEN311_LOCATION_REQUIRED: '请提供位置：lat 与 long，或 address_string',
  OPEN311_PHONE_REQUIRED: '本平台需要联系电话（phone）以便办理和回访，请提供诉求人电话',
  OPEN311_REQUEST_NOT_FOUND: '服务请求不存在或未公开',
  OPEN311_TOKEN_NOT_FOUND: '令牌（token）不存在',
  OPEN311_FORMAT_UNSUPPORTED: '不支持的格式，请使用 .json 或 .xml',
  OPEN311_METHOD_NOT_FOUND: '没有这个接口',
  OPEN311_RATE_LIMITED: '请求过于频繁，请稍后再试',
  // The admin's attribute console.
  OPEN311_SERVICE_NOT_LEAF: '只有末级问题类别是 Open311 服务，请选择末级类别',
  OPEN311_ATTRIBUTE_NOT_FOUND: '服务属性不存在',
  OPEN311_ATTRIBUTE_CODE_TAKEN: '该服务已有相同代码的属性，请换一个代码',
  OPEN311_ATTRIBUTE_VALUES_REQUIRED: '单选、多选类型的属性须至少有一个选项',
  OPEN311_ATTRIBUTE_VALUES_NOT_ALLOWED: '只有单选、多选类型的属性可以设置选项',
  OPEN311_ATTRIBUTE_VALUE_KEY_DUPLICATE: '选项值不能重复',
  OPEN311_ATTRIBUTE_VALUE_NAME_DUPLICATE: '选项名称不能重复',
  OPEN311_ATTRIBUTE_REQUIRED_NOT_VARIABLE: '仅作说明、无需填写的属性不能设为必填',
  OPEN311_ATTRIBUTE_REORDER_INVALID: '排序须恰好包含该服务的全部属性，每个一次；请刷新后重试',
};
