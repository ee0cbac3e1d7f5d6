import { z } from 'zod';

/** How many addresses an organisation may have notices e-mailed to. */
export const maxNotificationEmails = 10;

/** The domain of an address is case-insensitive (RFC 5321 §2.4); its local part is kept as typed. */
function lowerCaseDomain(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0 ? address : address.slice(0, at) + address.slice(at).toLowerCase();
}

/** One address notices are e-mailed to: trimmed, domain lower-cased, then checked. */
export const NotificationEmailSchema = z
  .string()
  .trim()
  .max(254, { error: 'An e-mail address has at most 254 characters.' })
  .overwrite(lowerCaseDomain)
  .pipe(z.email({ error: 'Not an e-mail address.' }));

/** The organisation's addresses: normalised, duplicates dropped, at most ten. */
export const NotificationEmailsSchema = z
  .array(NotificationEmailSchema)
  .overwrite((addresses) => [...new Set(addresses)])
  .max(maxNotificationEmails, { error: `At most ${maxNotificationEmails} addresses.` });

/** A partial change of an organisation's vulnerability settings: what is left out stays as it is. */
export const UpdateVulnerabilitySettingsInputSchema = z.strictObject({
  allowNameMatching: z.boolean().optional(),
  notificationEmails: NotificationEmailsSchema.optional(),
});
export type UpdateVulnerabilitySettingsInput = z.input<typeof UpdateVulnerabilitySettingsInputSchema>;

export const VulnerabilitySettingsViewSchema = z.object({
  /** Match components that have neither purl nor CPE by their bare name (low confidence, flagged). */
  allowNameMatching: z.boolean(),
  notificationEmails: z.array(z.string()),
  /** Whether this installation sends e-mail at all (CANDOR_SMTP_URL is set). */
  emailDelivery: z.boolean(),
});
export type VulnerabilitySettingsView = z.infer<typeof VulnerabilitySettingsViewSchema>;
