/** What the deployment key module says (stderr at start, errors). */
export const KEY_MSG = {
  created: (file: string) =>
    `已生成部署密钥 ${file}（32 字节随机数，权限 0600）。同一部署的所有服务器须使用同一密钥文件（或设置相同的 FAZHI_SECRET）；请另行妥善备份，丢失后无法校验审计日志和备份`,
  cannotCreate: (file: string, why: string) => `无法生成部署密钥文件 ${file}：${why}（可用 FAZHI_KEY_FILE 指定位置）`,
  cannotRead: (file: string, why: string) => `无法读取部署密钥文件 ${file}：${why}`,
  wrongSize: (file: string, n: number) => `部署密钥文件 ${file} 应为 32 字节，实际 ${n} 字节：文件可能已损坏或不是本系统的密钥`,
  tooOpen: (file: string) => `警告：部署密钥文件 ${file} 可被其他用户读取，请执行 chmod 600`,
} as const;
