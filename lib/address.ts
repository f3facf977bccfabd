/** Whether two addresses (or address-like hex strings) are the same, whatever their case (EIP-55 or not). */
export function sameAddress(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
