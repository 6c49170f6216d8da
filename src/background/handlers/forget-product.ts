/** Forget a product: its visits and its pin. */
import { fail, ok } from '../../protocol/messages.ts';
import { forgetProduct } from '../../stack/stack.ts';
import { defineHandler } from '../handler.ts';
import { updateStack } from '../stack-store.ts';

export const forgetProductHandler = defineHandler<'forget-product'>({
  callers: ['extension-page'],
  async handle({ productId }, _sender, ctx) {
    if (!ctx.index.product(productId)) return fail('not-found');
    await updateStack((state) => forgetProduct(state, productId));
    return ok(null);
  },
});
