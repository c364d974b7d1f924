#!/usr/bin/env node
// The CLI lives in dist/ (built); this committed shim lets installs link the bin before a build.
import "../dist/cli.js";
