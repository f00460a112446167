/* The DAHDI channel ioctls openr2 issues, served for the simulated card's R2 timeslots (r2_shim.c). */
#ifndef SPARKLE_R2_SHIM_H
#define SPARKLE_R2_SHIM_H

/* Makes fd a simulated CAS channel numbered channo, whose frames the framer takes from wire. Two registered ends joined with
 * r2_shim_join see each other's ABCD bits, as the two ends of an E1 timeslot 16 do. */
int r2_shim_register(int fd, int wire, int channo);
void r2_shim_join(int fd_a, int fd_b);
void r2_shim_unregister(int fd);

/* 1 when a bits-changed event waits on fd (openr2_chan_process_event will consume it). */
int r2_shim_pending(int fd);

/* The ABCD bits fd's end sends, or -1 when fd is not registered. */
int r2_shim_tx_bits(int fd);

/* While held, fd's end keeps hearing the far end's bits as they were, and learns of a change
 * only when released: two ends can then seize a line at once, as across a long E1 path. */
void r2_shim_hold(int fd, int held);

/* Raises DAHDI_EVENT_ALARM (1) or DAHDI_EVENT_NOALARM (0) on fd. */
void r2_shim_alarm(int fd, int in_alarm);

#endif
