/**
 * The test image: light text on a dark background, centred.
 * @param {typeof import('react').createElement} h
 * @param {string} text
 */
export function element(h, text) {
  return h(
    'div',
    {
      style: {
        display: 'flex',
        width: '100%',
        height: '100%',
        alignItems: 'center',
        justifyContent: 'center',
        background: '#0b1020',
        color: '#ffffff',
        fontSize: 72,
      },
    },
    text,
  );
}
