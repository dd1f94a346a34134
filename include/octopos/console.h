// include/octopos/console.h: the console, between the UART and the tty layer.
#ifndef OCTOPOS_CONSOLE_H
#define OCTOPOS_CONSOLE_H

#define CONSOLE_MAJOR 1         // xv6's console device number

// Provided by drivers/serial/core.c: the UART that is the console
// (<octopos/uart.h>), or nothing yet.
void uart_putc_sync(int c);     // polled, for printf and echo; never sleeps
void uart_putc(int c);          // buffered, interrupt-driven; may sleep

// Provided by kernel/console.c.
void consoleintr(int c);        // one input character from the UART
void console_init(void);        // registers the console device (major 1)
void consputc(int c);

#endif
