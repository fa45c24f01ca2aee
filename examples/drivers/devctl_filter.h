/* SPDX-License-Identifier: MIT */
/*
 * devctl_filter.h: what a user-mode program shares with the devctl filter
 * (devctl_filter.c): its device's names, its I/O control codes and the
 * counters one of them returns. Driver code and user code both include it.
 */
#ifndef DEVCTL_FILTER_H
#define DEVCTL_FILTER_H

#define DEVCTL_NT_DEVICE_NAME  L"\\Device\\UndisDevctl"
#define DEVCTL_DOS_DEVICE_NAME L"\\DosDevices\\UndisDevctl"
#define DEVCTL_USER_NAME       "\\\\.\\UndisDevctl" /* what CreateFile is given */

#define DEVCTL_CODE(Function, Method, Access) \
    CTL_CODE(FILE_DEVICE_NETWORK, 0x900 + (Function), (Method), (Access))

/* Out: DEVCTL_COUNTERS. */
#define IOCTL_DEVCTL_QUERY_COUNTERS DEVCTL_CODE(0, METHOD_BUFFERED, FILE_READ_ACCESS)
/* Zeroes the traffic counters; no buffers. */
#define IOCTL_DEVCTL_RESET_COUNTERS DEVCTL_CODE(1, METHOD_BUFFERED, FILE_WRITE_ACCESS)
/* The output buffer (an MDL the driver reads) becomes the stored message. */
#define IOCTL_DEVCTL_SET_MESSAGE    DEVCTL_CODE(2, METHOD_IN_DIRECT, FILE_WRITE_ACCESS)
/* Out (an MDL the driver writes): the stored message. */
#define IOCTL_DEVCTL_GET_MESSAGE    DEVCTL_CODE(3, METHOD_OUT_DIRECT, FILE_READ_ACCESS)
/* In and out as raw addresses: each output byte is the input byte XOR 0xFF. */
#define IOCTL_DEVCTL_INVERT         DEVCTL_CODE(4, METHOD_NEITHER, FILE_ANY_ACCESS)

#define DEVCTL_MESSAGE_MAX 256

typedef struct _DEVCTL_COUNTERS {
    ULONG Version; /* 1 */
    ULONG Modules; /* filter modules attached */
    ULONG64 SendNbls, SendBytes;
    ULONG64 ReceiveNbls, ReceiveBytes;
    ULONG64 Opens, Ioctls, Reads, Writes;
} DEVCTL_COUNTERS, *PDEVCTL_COUNTERS;

#endif /* DEVCTL_FILTER_H */
