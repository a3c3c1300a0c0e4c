/**
 * The spans in an OTLP/protobuf ExportTraceServiceRequest body (resource_spans = 1, each with
 * scope_spans = 2, each with spans = 2), read straight off the wire format: the bench counts spans
 * without decoding them.
 */
export function countProtobufSpans(body: Uint8Array): number {
  let spans = 0;
  for (const resourceSpans of readMessageFields(body, 1)) {
    for (const scopeSpans of readMessageFields(resourceSpans, 2))
      spans += readMessageFields(scopeSpans, 2).length;
  }
  return spans;
}

// The length-delimited fields numbered `fieldNumber` of one protobuf message; others are skipped.
function readMessageFields(message: Uint8Array, fieldNumber: number): Uint8Array[] {
  const fields: Uint8Array[] = [];
  let position = 0;
  const readVarint = () => {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = message[position];
      if (byte === undefined) throw new Error('the protobuf message ends inside a number');
      position += 1;
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
    }
  };
  while (position < message.length) {
    const tag = readVarint();
    const wireType = tag % 8;
    if (wireType === 0) readVarint();
    else if (wireType === 1) position += 8;
    else if (wireType === 5) position += 4;
    else if (wireType === 2) {
      const length = readVarint();
      if (position + length > message.length) throw new Error('a protobuf field runs past its message');
      if (Math.floor(tag / 8) === fieldNumber) fields.push(message.subarray(position, position + length));
      position += length;
    } else throw new Error(`protobuf wire type ${wireType} is not used by OTLP`);
  }
  return fields;
}
