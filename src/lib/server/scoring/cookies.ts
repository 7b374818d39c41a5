/** Cookies of the referee pages. */

/** Names this tablet: the device that controls a match's scoring keeps it across reloads. */
export const DEVICE_COOKIE = 'dg_device';
/** Where a referee who scanned a table's QR code goes after logging in. */
export const AFTER_LOGIN_COOKIE = 'dg_after_login';
