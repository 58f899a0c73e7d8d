#!/usr/bin/env node
'use strict';
// Runs mesh-assess.cjs, with Node's compile cache where Node has one.
require('node:module').enableCompileCache?.();
require('./mesh-assess.cjs');
