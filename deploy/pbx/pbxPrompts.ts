// The queue's position announcements ("You are number N in the queue"), spoken by espeak-ng
// (Debian package `espeak-ng`) when the PBX starts with --queue-prompts, into <data dir>/prompts:
// one WAV per position 1..MAX_ANNOUNCED_POSITION (and one for "more than that"), each the sentence
// in every chosen language in the chosen order. rtpengine plays them to a waiting caller as early
// media (kamailio.cfg route[QUEUE_PROMPT]); it resamples and transcodes them to the caller's codec.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const PROMPT_LANGUAGES = ['uk', 'ru', 'kk', 'en'] as const;
export type PromptLanguage = (typeof PROMPT_LANGUAGES)[number];
/** Bump when the sentences change, so prompts made by an earlier version are made again. */
const PROMPTS_VERSION = 1;
/** Positions announced by number; a caller further back hears the "over" prompt. */
export const MAX_ANNOUNCED_POSITION = 20;

const ESPEAK = process.env.ESPEAK_NG_BIN ?? '/usr/bin/espeak-ng';

/** The sentences (espeak-ng reads the digits in each language). */
const sentence: Record<PromptLanguage, (position: number | 'over') => string> = {
  uk: (n) => (n === 'over' ? `Перед вами понад ${MAX_ANNOUNCED_POSITION} дзвінків.` : `Ви ${n}-й у черзі.`),
  ru: (n) => (n === 'over' ? `Перед вами более ${MAX_ANNOUNCED_POSITION} звонков.` : `Вы ${n}-й в очереди.`),
  kk: (n) =>
    n === 'over'
      ? `Сізден бұрын ${MAX_ANNOUNCED_POSITION}-дан астам қоңырау бар.`
      : `Кезектегі нөміріңіз ${n}.`,
  en: (n) =>
    n === 'over'
      ? `There are more than ${MAX_ANNOUNCED_POSITION} calls ahead of you.`
      : `You are number ${n} in the queue.`,
};

interface Pcm {
  sampleRate: number;
  data: Buffer;
}

/** The PCM of a 16-bit mono WAV (espeak-ng writes 22050 Hz). */
function readWav(file: string): Pcm {
  const wav = readFileSync(file);
  if (wav.toString('ascii', 0, 4) !== 'RIFF' || wav.toString('ascii', 8, 12) !== 'WAVE') {
    throw new Error(`${file}: not a WAV file`);
  }
  let offset = 12;
  let sampleRate = 0;
  while (offset + 8 <= wav.length) {
    const id = wav.toString('ascii', offset, offset + 4);
    // espeak-ng writing to a file leaves the data chunk's size at 0x7ffff...: take the rest.
    const size = Math.min(wav.readUInt32LE(offset + 4), wav.length - offset - 8);
    if (id === 'fmt ') {
      if (wav.readUInt16LE(offset + 8) !== 1 || wav.readUInt16LE(offset + 10) !== 1) {
        throw new Error(`${file}: expected 16-bit mono PCM`);
      }
      sampleRate = wav.readUInt32LE(offset + 12);
    } else if (id === 'data') {
      return { sampleRate, data: wav.subarray(offset + 8, offset + 8 + size) };
    }
    offset += 8 + size + (size % 2);
  }
  throw new Error(`${file}: no data chunk`);
}

function writeWav(file: string, pcm: Pcm): void {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + pcm.data.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(pcm.sampleRate, 24);
  header.writeUInt32LE(pcm.sampleRate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(pcm.data.length, 40);
  writeFileSync(file, Buffer.concat([header, pcm.data]));
}

export const promptFileName = (position: number | 'over') => `queue-${position}.wav`;

/**
 * Writes queue-1.wav .. queue-20.wav and queue-over.wav into `dir`, unless the prompts there were
 * made for the same languages (a stamp file says so). Throws when espeak-ng is missing.
 */
export async function generateQueuePrompts(dir: string, languages: readonly PromptLanguage[]): Promise<void> {
  const stampFile = join(dir, 'languages');
  const stamp = `${PROMPTS_VERSION} ${languages.join(',')}\n`;
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return;
  if (!existsSync(ESPEAK)) {
    throw new Error(`--queue-prompts needs espeak-ng (apt-get install espeak-ng); ${ESPEAK} is missing`);
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const positions: (number | 'over')[] = [
    ...Array.from({ length: MAX_ANNOUNCED_POSITION }, (_, i) => i + 1),
    'over',
  ];
  await Promise.all(
    positions.map(async (position) => {
      const parts: Buffer[] = [];
      let sampleRate = 0;
      for (const language of languages) {
        const scratch = join(dir, `scratch-${position}-${language}.wav`);
        await run(ESPEAK, ['-v', language, '-s', '150', '-w', scratch, sentence[language](position)]);
        const pcm = readWav(scratch);
        rmSync(scratch, { force: true });
        sampleRate = pcm.sampleRate;
        // 0.4 s of silence between the languages.
        parts.push(pcm.data, Buffer.alloc(Math.round(pcm.sampleRate * 0.4) * 2));
      }
      writeWav(join(dir, promptFileName(position)), { sampleRate, data: Buffer.concat(parts) });
    }),
  );
  writeFileSync(stampFile, stamp);
}
