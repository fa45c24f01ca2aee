/* SPDX-License-Identifier: MIT */
/* undis_tool.h: the subcommands of the `undis` command. */
#ifndef UNDIS_TOOL_H
#define UNDIS_TOOL_H

/* Replays the spec's conformance vectors; 0 when all match. */
int undis_tool_conformance(int quiet);

#endif /* UNDIS_TOOL_H */
