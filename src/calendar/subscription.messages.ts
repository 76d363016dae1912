/** Every Chinese word the calendar subscription says to a user. */
export const SUBSCRIPTION_MSG = {
  unknownToken: '订阅链接无效或已停止订阅，请在“期限与日历”页面重新生成订阅链接',
  noSubscription: '尚未开启日历订阅',
};
