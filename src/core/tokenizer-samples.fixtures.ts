// Short texts of the kinds prompts are made of, each with the spots a tokenizer finds hard:
// contractions, indentation, number runs, scripts written without spaces, combining marks,
// emoji sequences, newline and punctuation runs.

/** Samples by kind of text. */
export const tokenizerSamples = {
  prose: [
    "It's late, and they're sure we'll miss the train; I'd rather walk. DON'T PANIC, she said.",
    "Mr. O'Neil's report (draft 3) covers Q1-Q4: revenue rose 12.5%, costs fell—slightly—to $4,200.",
    '"Well," he asked, "who\'s there?" Nobody answered... The door creaked open!  Twice.\n\n',
    'Naïve café owners in São Paulo serve crème brûlée; Zoë and Björn prefer smørrebrød.\n',
    'Section 2.1 — Scope\n\tThe service MUST reply within 30s; otherwise, retry (at most 3×).\n',
  ],
  code: [
    // biome-ignore lint/suspicious/noTemplateCurlyInString: source code quoted as text, placeholders and all
    'export async function fetchUser(id: string): Promise<User> {\n  const res = await fetch(`/api/users/${id}`);\n  if (!res.ok) throw new Error(`HTTP ${res.status}`);\n  return (await res.json()) as User;\n}\n',
    'def parse(line):\r\n    key, _, value = line.partition("=")\r\n    return key.strip(), value.strip()  # TODO: quotes\r\n',
    'for (let i = 0; i < n; ++i) {\n\t\tsum += a[i] * b[i]; // dot product\n\t}\n\n/* --- end --- */\n',
    'SELECT u.id, COUNT(*) AS n FROM users u JOIN orders o ON o.user_id = u.id WHERE o.total >= 100.00 GROUP BY u.id;\n',
    '#include <stdio.h>\nint main(void){printf("%d\\n",0x7fffffff);return 0;}\n    \n',
    'const re = /^(?:[a-z0-9_-]+\\.)*[a-z]{2,}$/i; x ??= y?.z ?? [];  a=>b; i+=1;i-=1;\n',
  ],
  json: [
    '{"id":12345678901234,"name":"Ada Lovelace","tags":["math","poetry"],"score":-0.000123e+45,"ok":true,"next":null}',
    '{\n  "model": "gpt-4o",\n  "messages": [\n    { "role": "user", "content": "Hi \\u00e9\\n" }\n  ],\n  "temperature": 0.7\n}\n',
    '[{"path":"/usr/local/bin","mode":"0755"},{"url":"https://example.com/a/b?c=d&e=f#g"}]',
  ],
  cjk: [
    '我们今天去公园散步，天气很好。你想一起来吗？下午三点见！',
    '東京都の天気は晴れです。明日は雨が降るでしょう。カタカナとひらがなを混ぜます：テスト、テスト。',
    '한국어 문장은 띄어쓰기를 사용합니다. 오늘은 2024년 5월 1일입니다!',
    '「こんにちは」と彼は言った。『本当に？』――そうです。第１２３号、価格は１，５００円。',
  ],
  emoji: [
    'Great job 👍🏽! Family: 👨‍👩‍👧‍👦, flags 🇫🇷🇩🇪🇯🇵, keycap 1️⃣2️⃣, hearts ❤️‍🔥💕💕💕 ok?',
    '🚀🚀🚀 launch at T-10s 🔥🔥 #yolo @dev 😀😃😄😁😆😅😂🤣 :) :-( <3\n',
  ],
  scripts: [
    'हिन्दी में लिखा गया वाक्य। مرحبا بالعالم، كَيْفَ حَالُكَ؟ ٣٤٥ + ١٢ = ٣٥٧',
    'ภาษาไทยเขียนติดกันโดยไม่เว้นวรรค แต่เว้นวรรคระหว่างประโยค Ελληνικά κείμενα, Кириллица: привет, мир!',
    'e\u0301 = é (combining), Å vs A\u030a, ﬁ ligature, ² ½ Ⅻ ⑦, full\u3000width\u00a0spaces\u2003here',
  ],
  layout: [
    '# Title\n\n| col A | col B |\n|-------|-------|\n| 1     | 2     |\n\n> quote\n>\n> more\n\n---\n\n- item\n  - nested\n',
    'line one   \n   line two\t\t\n\n\n\n    indented\n \n\r\n\r\nend\n',
    '!!!??? ... --- === *** ### /// \\\\\\ ~~~ ^^^ ((( ))) [[[ ]]] {{{ }}} <<< >>> ,,, ;;; ::: \'\'\' """\n',
    '/path/to//file.txt ../../up ./here C:\\Windows\\System32 user@host:~$ ls -la | grep "x" > out.log 2>&1\n',
  ],
  numbers: [
    'Pi is 3.14159265358979323846, e is 2.718281828; 1,000,000 or 1_000_000 or 1e6. IDs: 0042, 98765432101234567890.\n',
    '2024-05-01T12:34:56.789Z | 192.168.0.1:8080 | +1 (555) 123-4567 | 4111 1111 1111 1111 | v1.2.3-rc.4\n',
  ],
  encoded: [
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==\n',
    'sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 token=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc-_XYZ\n',
  ],
} satisfies Record<string, [string, ...string[]]>;

/** A kind of text the samples cover. */
export type SampleKind = keyof typeof tokenizerSamples;

/** About `length` characters of one kind of text: its samples in a reproducible shuffled order. */
export function textOfKind(kind: SampleKind, length: number): string {
  return drawn(tokenizerSamples[kind], length);
}

/** About `length` characters drawn from `alphabet` in a reproducible order, with no other text. */
export function runOf(alphabet: string, length: number): string {
  return drawn([...alphabet], length);
}

// choices joined in a fixed pseudo-random order (a linear congruential sequence), so that a
// failure can be replayed
function drawn(choices: string[], length: number): string {
  let state = choices.length;
  let text = '';
  while (text.length < length) {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    text += choices[(state >>> 16) % choices.length];
  }
  return text;
}
