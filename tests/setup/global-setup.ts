import type { TestProject } from 'vitest/node';
import { migratedTemplate, testServer } from './test-database';

/** Once per run: a PostgreSQL server and a migrated template database for the workers to copy. */
export default async function setup(project: TestProject) {
  const { serverUrl, embedded } = await testServer();
  const template = await migratedTemplate(serverUrl);
  project.provide('testServerUrl', serverUrl);
  project.provide('testTemplate', template);
  return async () => {
    // A server another test run started (and still uses) is left running by stop().
    await embedded?.stop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    testServerUrl: string;
    testTemplate: string;
  }
}
