/** The Luhn checksum card numbers carry; the sensitive-content plants depend on it. */

export function luhnValid(digits: string): boolean {
  const clean = digits.replace(/\D/g, '');
  let sum = 0;
  for (let i = 0; i < clean.length; i++) {
    let d = Number(clean[clean.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return clean.length > 0 && sum % 10 === 0;
}

/** Appends the digit that makes `body` Luhn-valid. */
export function withCheckDigit(body: string): string {
  for (let d = 0; d <= 9; d++) {
    if (luhnValid(`${body}${d}`)) return `${body}${d}`;
  }
  throw new Error('unreachable: one of ten digits always completes a Luhn sum');
}

/** Spaces a 16-digit number in groups of four, as people type it. */
export function grouped(digits: string): string {
  return digits.replace(/(\d{4})(?=\d)/g, '$1 ');
}
