/** Every Chinese sentence of in-app notifications, in one place for review. */
export const NOTIFY_MSG = {
  notFound: '通知不存在',
  tag: '通知',
} as const;
