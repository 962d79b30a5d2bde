// Reads the body whole with the reader named in the path (json, text, formData, arrayBuffer,
// blob, bytes) and reports its size; a reader that rejects answers 400 with the error's name.
type Reader = 'json' | 'text' | 'formData' | 'arrayBuffer' | 'blob' | 'bytes';

async function sizeOf(request: Request, reader: Reader): Promise<number> {
  switch (reader) {
    case 'json':
      return JSON.stringify(await request.json()).length;
    case 'text':
      return (await request.text()).length;
    case 'formData':
      return [...(await request.formData()).keys()].length;
    case 'arrayBuffer':
      return (await request.arrayBuffer()).byteLength;
    case 'blob':
      return (await request.blob()).size;
    case 'bytes':
      return (await request.bytes()).byteLength;
  }
}

export async function POST(request: Request, { params }: { params: Promise<{ reader: string }> }) {
  const { reader } = await params;
  try {
    return Response.json({ size: await sizeOf(request, reader as Reader) });
  } catch (error) {
    return Response.json({ error: (error as Error).name }, { status: 400 });
  }
}
