import "server-only";
import type { ComponentType } from "react";
import { evaluate } from "next-mdx-remote-client/rsc";
import remarkGfm from "remark-gfm";
import rehypeSlug from "rehype-slug";
import type { MDXComponents } from "mdx/types";
import { rehypeStaticProse } from "@/lib/content/server/static-prose";

export type MdxContent = ComponentType<{ components?: MDXComponents }>;

/**
 * Compiles a lesson body once into a component; every request then only renders it. Lesson MDX
 * may use the component map and nothing else: no imports, no exports, no raw HTML through props.
 */
export async function compileMdx(source: string, file: string, options: { staticProse?: string[] } = {}): Promise<MdxContent> {
  const result = await evaluate({
    source,
    options: {
      disableImports: true,
      disableExports: true,
      mdxOptions: {
        remarkPlugins: [remarkGfm],
        // With `staticProse`, plain prose runs become `<StaticProse index>` and their HTML goes there (static-prose.ts).
        rehypePlugins: options.staticProse ? [rehypeSlug, rehypeStaticProse(options.staticProse)] : [rehypeSlug],
      },
    },
  });
  if (result.error) throw new Error(`${file}: MDX does not compile: ${result.error.message}`);
  return (result.content as { type: MdxContent }).type;
}
