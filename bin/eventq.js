#!/usr/bin/env node
// The eventq CLI (package.json "bin"); the code is compiled to dist/ by `npm install`.
require('../dist/cli/eventq.js')
  .main()
  .then((code) => {
    process.exitCode = code;
  });
