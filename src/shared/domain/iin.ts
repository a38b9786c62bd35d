// Kazakhstan's individual identification number (IIN): 12 digits, the first six the date of
// birth (YYMMDD), the 7th the century and sex, the 12th a check digit computed with two weight
// sequences (a remainder of 10 after both means the number is invalid).
const WEIGHTS_1 = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const WEIGHTS_2 = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

export function isValidIin(value: string): boolean {
  if (!/^\d{12}$/.test(value)) return false;
  const d = Array.from(value, Number);
  const month = d[2]! * 10 + d[3]!;
  const day = d[4]! * 10 + d[5]!;
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  if (d[6]! < 1 || d[6]! > 6) return false;
  const sum = (w: number[]) => w.reduce((acc, weight, i) => acc + weight * d[i]!, 0) % 11;
  let check = sum(WEIGHTS_1);
  if (check === 10) check = sum(WEIGHTS_2);
  if (check === 10) return false;
  return check === d[11];
}
