/* SPDX-License-Identifier: MIT */
/*
 * rt_eventlog.c: NdisWriteEventLogEntry. Windows writes the entry to the
 * I/O error log, which the event viewer shows; undis has no event log, so
 * the entry is printed as one DbgPrint line (the DbgPrint sink, else
 * stderr), with the checks Windows makes on its size.
 */
#include "kernel/rt_internal.h"

#include <stdio.h>
#include <string.h>

#include <ndis.h>

/* Bytes of the NumStrings NUL-terminated strings at list, terminators
 * included, or MAX_EVENT_LOG_DATA_SIZE + 1 when they exceed the limit (the
 * scan never reads past the limit). */
static ULONG
strings_bytes(const WCHAR *list, USHORT count)
{
    ULONG bytes = 0;
    for (USHORT i = 0; i < count; i++) {
        do {
            if (bytes + sizeof(WCHAR) > MAX_EVENT_LOG_DATA_SIZE) {
                return MAX_EVENT_LOG_DATA_SIZE + 1;
            }
            bytes += (ULONG)sizeof(WCHAR);
        } while (list[bytes / sizeof(WCHAR) - 1] != 0);
    }
    return bytes;
}

/* Appends the strings, each quoted, as ASCII (others as '?'). */
static size_t
append_strings(char *line, size_t used, size_t size, const WCHAR *list, USHORT count)
{
    for (USHORT i = 0; i < count; i++) {
        if (used + 4 < size) {
            line[used++] = ' ';
            line[used++] = '"';
        }
        for (; *list != 0; list++) {
            if (used + 2 < size) {
                line[used++] = (*list >= 0x20 && *list < 0x7f) ? (char)*list : '?';
            }
        }
        list++;
        if (used + 1 < size) {
            line[used++] = '"';
        }
    }
    line[used] = '\0';
    return used;
}

NDIS_STATUS
NdisWriteEventLogEntry(PVOID LogHandle,
                       NDIS_STATUS EventCode,
                       ULONG UniqueEventValue,
                       USHORT NumStrings,
                       PVOID StringsList,
                       ULONG DataSize,
                       PVOID Data)
{
    char line[512];
    size_t used;
    ULONG bytes;
    UNREFERENCED_PARAMETER(LogHandle);
    if ((StringsList == NULL && NumStrings != 0) || (Data == NULL && DataSize != 0)) {
        return NDIS_STATUS_INVALID_PARAMETER;
    }
    bytes = StringsList != NULL ? strings_bytes((const WCHAR *)StringsList, NumStrings) : 0;
    if (bytes > MAX_EVENT_LOG_DATA_SIZE || DataSize > MAX_EVENT_LOG_DATA_SIZE - bytes) {
        return NDIS_STATUS_BUFFER_TOO_SHORT;
    }
    (void)snprintf(line, sizeof(line), "NdisWriteEventLogEntry: event 0x%08x (unique %lu)",
                   (unsigned)EventCode, (unsigned long)UniqueEventValue);
    used = strlen(line);
    if (StringsList != NULL) {
        used = append_strings(line, used, sizeof(line), (const WCHAR *)StringsList, NumStrings);
    }
    (void)snprintf(line + used, sizeof(line) - used, ", %lu bytes of data",
                   (unsigned long)DataSize);
    (void)DbgPrint("%s\n", line);
    return NDIS_STATUS_SUCCESS;
}
