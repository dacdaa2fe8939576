// Mutation testing: `npm run mutation` (incremental: a re-run after a small change re-tests only
// the mutants it touches). See docs/TESTING.md for how to read a survivor.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'jest',
  testRunnerNodeArgs: ['--experimental-vm-modules'],
  jest: {
    projectType: 'custom',
    configFile: 'jest.config.js',
    // Left out, because no mutant of src/ can change their outcome: the end-to-end suite, the
    // bundle budget and the docs examples run dist/ (not in the sandbox); the emulator's tests
    // import nothing from src/ (a static mutant would otherwise run them all, for nothing);
    // the architecture test reads src/ as text and would see Stryker's instrumented copy.
    config: {
      roots: ['<rootDir>/__tests__', '<rootDir>/src'],
      testPathIgnorePatterns: [
        '/node_modules/',
        '/__tests__/e2e/',
        '/__tests__/emulator(-apikeys|-profiles|-sdk|-layout)?\\.test\\.ts$',
        '/__tests__/architecture.test.ts',
        '/__tests__/bundle.test.ts',
        '/__tests__/docs.test.ts'
      ]
    },
    // Each mutant runs only the test files that import its file, directly or not (then only the
    // tests that covered it). That needs src/ among jest's roots: with only __tests__ there, jest
    // cannot follow a test's imports through src/, and found no test at all for a module reached
    // through another (ephemeral/issue.ts through main.ts). Without it, every mutant loaded all
    // ~40 test files: about 6 s a mutant on 2 cores.
    enableFindRelatedTests: true
  },
  coverageAnalysis: 'perTest',
  checkers: [],
  mutate: ['src/**/*.ts', '!src/entry/**'],
  ignorePatterns: ['dist', '.tmp', 'reports', '.stryker', '.github'],
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  concurrency: 2,
  timeoutMS: 15000,
  thresholds: { high: 95, low: 90, break: null }
}
