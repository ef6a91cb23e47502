// The one blessed-contrib widget vnt uses, imported by path so the other widgets (and the world map) are not loaded.
declare module 'blessed-contrib/lib/widget/sparkline.js' {
  import type { Widgets } from 'blessed';
  interface SparklineOptions extends Widgets.BoxOptions {
    style?: Widgets.BoxOptions['style'] & { titleFg?: string };
  }
  interface SparklineElement extends Widgets.BoxElement {
    setData(titles: string[], datasets: number[][]): void;
  }
  const Sparkline: (options: SparklineOptions) => SparklineElement;
  export default Sparkline;
}
