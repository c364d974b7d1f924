#!/usr/bin/env node
// The binary lives in dist/ (built); this committed shim lets installs link the bin before a build.
import "../dist/cli.js";
