import { App } from 'antd';
import { useEffect } from 'react';
import { errorText } from '../api/client.js';

/** Shows a failed query's zh-CN message as a toast, once per failure (for screens that keep their layout on error). */
export function useErrorToast(error: unknown): void {
  const { message } = App.useApp();
  useEffect(() => {
    if (error) message.error(errorText(error));
  }, [error, message]);
}
