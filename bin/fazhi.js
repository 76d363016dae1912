#!/usr/bin/env node
// 法治民政工作台命令行入口：注册 tsx 后直接运行 TypeScript 源码（src/cli.ts），因此 `npx fazhi` 无需先编译。
import { register } from 'tsx/esm/api';

register();
await import(new URL('../src/cli.ts', import.meta.url).href);
