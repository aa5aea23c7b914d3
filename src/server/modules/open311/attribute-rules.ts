import { open311ListDatatypes, type Open311AttributeData } from '../../../contracts/open311-attributes.js';
import type { ErrorCode } from '../../../contracts/errors.js';

// What the zod shape cannot say about one attribute: list datatypes need a value list and only they may have one,
// keys and names are unique (a client answers with the key; staff read the name), an explanation is not required.
// Returns the first problem's code, or null. A duplicate code within the service needs the database (a unique index).

export function attributeProblem(a: Open311AttributeData): ErrorCode | null {
  const isList = open311ListDatatypes.includes(a.datatype);
  if (isList && a.values.length === 0) return 'OPEN311_ATTRIBUTE_VALUES_REQUIRED';
  if (!isList && a.values.length > 0) return 'OPEN311_ATTRIBUTE_VALUES_NOT_ALLOWED';
  if (new Set(a.values.map((v) => v.key)).size !== a.values.length) return 'OPEN311_ATTRIBUTE_VALUE_KEY_DUPLICATE';
  if (new Set(a.values.map((v) => v.name)).size !== a.values.length) return 'OPEN311_ATTRIBUTE_VALUE_NAME_DUPLICATE';
  if (a.required && !a.variable) return 'OPEN311_ATTRIBUTE_REQUIRED_NOT_VARIABLE';
  return null;
}
